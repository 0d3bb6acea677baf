/**
 * Where the reader stands in the unit tree: the units drilled into, from the top down. The address keeps
 * the ids (?path=a,b,c), so a drill-down can be bookmarked, shared and undone with the browser's Back.
 */
export type Trail = readonly string[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The trail in an address; anything that is not a unit id is left out rather than sent to the API. */
export function parseTrail(text: string | null): Trail {
  if (!text) return [];
  return text
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => UUID.test(id));
}

export function trailParam(trail: Trail): string | null {
  return trail.length ? trail.join(',') : null;
}

/** The unit whose children the screen shows; null at the top (the whole campaign). */
export function currentUnit(trail: Trail): string | null {
  return trail.length ? trail[trail.length - 1] : null;
}

/** One level down; drilling into the unit already shown, or one already on the trail, goes back to it. */
export function drillInto(trail: Trail, unitId: string): Trail {
  const id = unitId.toLowerCase();
  const at = trail.indexOf(id);
  return at >= 0 ? trail.slice(0, at + 1) : [...trail, id];
}

/** Back up to the n-th unit of the trail (0 = the first); a negative n goes to the top. */
export function drillUpTo(trail: Trail, index: number): Trail {
  return index < 0 ? [] : trail.slice(0, index + 1);
}
