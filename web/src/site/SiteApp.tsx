/** The site pages (placeholder until they are built). */
export default function SiteApp() {
  return (
    <main className="gv-page">
      <h1>site</h1>
    </main>
  );
}
