// For tools that read the TypeScript without Vue's compiler (typescript-eslint): a .vue file is a component.
// vue-tsc resolves the files themselves, so their real types win there.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
