/** The driver pages (placeholder until they are built). */
export default function DriverApp() {
  return (
    <main className="gv-page">
      <h1>driver</h1>
    </main>
  );
}
