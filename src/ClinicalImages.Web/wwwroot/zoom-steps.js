// The zoom steps every large view shares: the gallery's viewer and the earlier-photos comparison.
const steps = [1, 1.5, 2, 3, 4, 6, 8];

/** The zoom step after this one: 'in', 'out', or 'fit' (1). */
export function nextScale(scale, direction) {
  const i = steps.findIndex(s => s >= scale - 0.001);
  return direction === 'in' ? steps[Math.min(i + 1, steps.length - 1)] : direction === 'out' ? steps[Math.max(i - 1, 0)] : 1;
}
