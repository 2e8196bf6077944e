// The tab bar's four icons as tiny inline SVGs (no image files: the weapp main package is near its size limit).
// Drawn with strokes on a 24×24 grid; the colour is the only difference between the normal and the chosen icon.
const PATHS = {
  home: 'M3 11 12 3l9 8M5 9.5V21h5v-6h4v6h5V9.5',
  services: 'M4 7h16v13H4zM9 7V4h6v3M4 12h16',
  messages: 'M4 5h16v11H9l-5 4z',
  me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4.4 3.6-7 8-7s8 2.6 8 7',
} as const;

export type TabIcon = keyof typeof PATHS;

export function iconSrc(icon: TabIcon, colour: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${PATHS[icon]}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
