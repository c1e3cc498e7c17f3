/** Grey bars in the card's final shape, so nothing jumps when the data arrives. */
export function Skeleton() {
  return (
    <div className="card skeleton" aria-busy="true" aria-label="Loading">
      <div className="bar" style={{ width: '55%' }} />
      <div className="bar tall" style={{ width: '85%' }} />
      <div className="bar" style={{ width: '70%' }} />
      <div className="bar" style={{ width: '40%' }} />
      <div className="bar block" />
    </div>
  );
}
