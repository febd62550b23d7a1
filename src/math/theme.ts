/** Colours for every image: an opaque light paper that reads the same in light and dark chat themes. */
export const THEME = {
  background: '#ffffff',
  border: '#c9d1d9',
  ink: '#1f2328',
  muted: '#57606a',
  codeBackground: '#eff2f5',
  refusedInk: '#9a3412',
} as const;

/** Output pixels per CSS pixel: 2× keeps text sharp on high-density screens. */
export const OUTPUT_SCALE = 2;
