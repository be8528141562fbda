/**
 * The driver's pages (上门接送, issue 8): the day's trips on the phone in the car, each rider's
 * next move, and a township's day board read-only. Plain React and CSS — no component library,
 * no charts — so a cheap phone on a village road loads it quickly.
 */
import { Navigate, Route, Routes } from 'react-router-dom';
import { addMessages } from '../i18n/index.js';
import { BoardPage } from './BoardPage.js';
import { driverMessages } from './messages.js';
import { TripsPage } from './TripsPage.js';
import './driver.css';

addMessages('driver', driverMessages);

export default function DriverApp() {
  return (
    <Routes>
      <Route index element={<TripsPage />} />
      <Route path="board/:place" element={<BoardPage />} />
      <Route path="*" element={<Navigate to="/driver" replace />} />
    </Routes>
  );
}
