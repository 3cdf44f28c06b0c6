// The user guides (docs/guide/*.md) are bundled as text by esbuild's text loader (build/build.mjs).
declare module '*.md' {
  const text: string;
  export default text;
}
