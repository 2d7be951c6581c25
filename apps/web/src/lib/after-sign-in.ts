import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';

/**
 * Leaves the sign-in or sign-up page for where the visitor was going (`?redirect=`, only a path inside
 * this app, never another origin). The header shows the signed-in links before the cart merge is done;
 * a visitor who already followed one of them stays where they went.
 */
export async function leaveAfterSignIn(router: Router, route: RouteLocationNormalizedLoaded, page: string): Promise<void> {
  if (route.name !== page) return;
  const r = route.query.redirect;
  await router.replace(typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? r : '/');
}
