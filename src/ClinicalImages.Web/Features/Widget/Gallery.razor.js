// Keyboard and layout help for the gallery: the page must not scroll when arrows or Space move or select between
// cards, and Up/Down need the grid's column count, which only the browser knows.
const observers = new WeakMap();
const movers = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', ' ']);

export function init(root, dotnet) {
  const keys = e => { if (e.target.classList?.contains('card') && movers.has(e.key)) e.preventDefault(); };
  root.addEventListener('keydown', keys);
  let reported = 0;
  const measure = () => {
    const grid = root.querySelector('.cards');
    if (!grid) return;
    const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length || 1;
    if (columns !== reported) { reported = columns; dotnet.invokeMethodAsync('SetColumns', columns); }
  };
  const observer = new ResizeObserver(measure);
  observer.observe(root);
  observers.set(root, { observer, keys });
  measure();
}

export function dispose(root) {
  const entry = observers.get(root);
  if (!entry) return;
  entry.observer.disconnect();
  root.removeEventListener('keydown', entry.keys);
  observers.delete(root);
}
