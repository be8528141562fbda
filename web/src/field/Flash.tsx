import { useLocation } from 'react-router-dom';

/** The one-line "saved" note a form leaves for the page it returns to (router state, so a reload drops it). */
export function Flash() {
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  if (!saved) return null;
  return (
    <p className="fd-flash" role="status" data-testid="flash">
      {saved}
    </p>
  );
}
