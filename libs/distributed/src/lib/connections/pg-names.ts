/**
 * The database URL with an `application_name` (unless it sets one), so pg_stat_activity shows which
 * part of a process holds each connection: `atelier:records`, `atelier:events`, `atelier:queue`…
 */
export function pgUrlNamed(url: string, name: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('application_name')) u.searchParams.set('application_name', name);
  return u.toString();
}

/** The name of a LISTEN connection opened from `url`: its pool's name + `:listen`. */
export function pgListenUrlOf(url: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', `${u.searchParams.get('application_name') ?? 'atelier'}:listen`);
  return u.toString();
}
