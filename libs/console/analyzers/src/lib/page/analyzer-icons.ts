/** The icon of each analyzer card (by analyzer name; unknown ones get a generic one). */
const ICONS: Readonly<Record<string, string>> = {
  'visual-style': 'image',
  'art-style': 'brush',
  'hair-style': 'face',
  'hair-color': 'palette',
  makeup: 'brush',
  expression: 'face',
  accessories: 'auto_awesome',
  outfit: 'checkroom',
  comprehensive: 'layers',
};

export function analyzerIcon(name: string): string {
  return ICONS[name] ?? 'auto_awesome';
}
