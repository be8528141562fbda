/** The field pages (placeholder until they are built). */
export default function FieldApp() {
  return (
    <main className="gv-page">
      <h1>field</h1>
    </main>
  );
}
