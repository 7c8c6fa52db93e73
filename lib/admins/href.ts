/** The edit page of an admin (its address may hold characters such as / ? # %, so it is encoded). */
export function adminHref(username: string, sub = ''): string {
  return `/admins/${encodeURIComponent(username)}${sub ? `/${sub}` : ''}`;
}

/** The admin named by a route segment. Next hands dynamic segments over still URL-encoded. */
export function usernameFromParam(param: string): string {
  try {
    return decodeURIComponent(param).toLowerCase();
  } catch {
    return param.toLowerCase(); // a malformed escape: look it up as typed (it matches nobody)
  }
}
