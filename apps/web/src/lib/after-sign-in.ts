import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router';

/**
 * For the sign-in and sign-up pages: a function that leaves for where the visitor was going
 * (`?redirect=`, only a path inside this app, never another origin). The header shows the signed-in
 * links before the cart merge is done; a visitor who already followed one of them (a navigation
 * away has started, even one still loading) stays where they went.
 */
export function useLeaveAfterSignIn(): () => Promise<void> {
  const route = useRoute();
  const router = useRouter();
  let leaving = false;
  onBeforeRouteLeave(() => {
    leaving = true;
  });
  return async () => {
    if (leaving) return;
    const r = route.query.redirect;
    await router.replace(typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? r : '/');
  };
}
