/** The command pages (placeholder until they are built). */
export default function CommandApp() {
  return (
    <main className="gv-page">
      <h1>command</h1>
    </main>
  );
}
