import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { auth } from './stores/auth.ts';
import CatalogPage from './pages/shop/CatalogPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    requiresAuth?: boolean;
    /** Staff: the admin or the ops role. */
    requiresStaff?: boolean;
    requiresAdmin?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    { path: '/', name: 'catalog', component: CatalogPage, meta: { title: 'Shop' } },
    { path: '/products/:id', name: 'product', component: () => import('./pages/shop/ProductPage.vue'), meta: { title: 'Product' } },
    { path: '/cart', name: 'cart', component: () => import('./pages/shop/CartPage.vue'), meta: { title: 'Your cart' } },
    {
      path: '/checkout',
      name: 'checkout',
      component: () => import('./pages/shop/CheckoutPage.vue'),
      meta: { title: 'Checkout', requiresAuth: true },
    },
    {
      path: '/orders',
      name: 'orders',
      component: () => import('./pages/shop/OrdersPage.vue'),
      meta: { title: 'Your orders', requiresAuth: true },
    },
    {
      path: '/orders/:id',
      name: 'order',
      component: () => import('./pages/shop/OrderPage.vue'),
      meta: { title: 'Order', requiresAuth: true },
    },
    {
      path: '/wishlist',
      name: 'wishlist',
      component: () => import('./pages/shop/WishlistPage.vue'),
      meta: { title: 'Your wishlist', requiresAuth: true },
    },
    {
      path: '/notifications',
      name: 'notifications',
      component: () => import('./pages/shop/NotificationsPage.vue'),
      meta: { title: 'Notifications', requiresAuth: true },
    },
    { path: '/login', name: 'login', component: () => import('./pages/account/LoginPage.vue'), meta: { title: 'Sign in' } },
    {
      path: '/register',
      name: 'register',
      component: () => import('./pages/account/RegisterPage.vue'),
      meta: { title: 'Create an account' },
    },
    {
      // The admin area is for staff; ops (fulfilment and returns) see only the pages whose API they may use.
      path: '/admin',
      component: () => import('./pages/admin/AdminLayout.vue'),
      meta: { requiresAuth: true, requiresStaff: true },
      children: [
        {
          path: '',
          name: 'admin',
          component: () => import('./pages/admin/DashboardPage.vue'),
          meta: { title: 'Dashboard', requiresAdmin: true },
        },
        {
          path: 'products',
          name: 'admin-products',
          component: () => import('./pages/admin/ProductsPage.vue'),
          meta: { title: 'Products', requiresAdmin: true },
        },
        {
          path: 'products/new',
          name: 'admin-product-new',
          component: () => import('./pages/admin/ProductEditPage.vue'),
          meta: { title: 'New product', requiresAdmin: true },
        },
        {
          path: 'products/:id',
          name: 'admin-product',
          component: () => import('./pages/admin/ProductEditPage.vue'),
          meta: { title: 'Edit product', requiresAdmin: true },
        },
        {
          path: 'stock',
          name: 'admin-stock',
          component: () => import('./pages/admin/StockPage.vue'),
          meta: { title: 'Stock', requiresAdmin: true },
        },
        { path: 'orders', name: 'admin-orders', component: () => import('./pages/admin/OrdersPage.vue'), meta: { title: 'Orders' } },
        { path: 'orders/:id', name: 'admin-order', component: () => import('./pages/admin/OrderDetailPage.vue'), meta: { title: 'Order' } },
        {
          path: 'shipments',
          name: 'admin-shipments',
          component: () => import('./pages/admin/ShipmentsPage.vue'),
          meta: { title: 'Shipments' },
        },
        { path: 'returns', name: 'admin-returns', component: () => import('./pages/admin/ReturnsPage.vue'), meta: { title: 'Returns' } },
        {
          path: 'promotions',
          name: 'admin-promotions',
          component: () => import('./pages/admin/PromotionsPage.vue'),
          meta: { title: 'Promotions', requiresAdmin: true },
        },
        {
          path: 'disputes',
          name: 'admin-disputes',
          component: () => import('./pages/admin/DisputesPage.vue'),
          meta: { title: 'Disputes', requiresAdmin: true },
        },
        {
          path: 'dead-letters',
          name: 'admin-dead-letters',
          component: () => import('./pages/admin/DeadLettersPage.vue'),
          meta: { title: 'Dead letters', requiresAdmin: true },
        },
      ],
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'Not found' } },
  ],
});

router.beforeEach(async (to: RouteLocationNormalized) => {
  await auth.init();
  if (to.meta.requiresAuth && !auth.signedIn.value) return { name: 'login', query: { redirect: to.fullPath } };
  const notFound = { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } };
  if (to.meta.requiresStaff && !auth.isStaff.value) return notFound;
  if (to.meta.requiresAdmin && !auth.isAdmin.value) {
    // The dashboard's figures are admins'; ops start at their work queue.
    if (to.name === 'admin' && auth.isStaff.value) return { name: 'admin-returns' };
    return notFound;
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Mercato` : 'Mercato';
});
