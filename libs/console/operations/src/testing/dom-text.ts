/**
 * What an element says, as a reader would: every piece of text in it, apart by one space (the
 * compiled templates drop the whitespace between elements).
 */
export function textOf(node: Node | null | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  const walker = node.ownerDocument!.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.textContent?.replace(/\s+/g, ' ').trim();
    if (text) parts.push(text);
  }
  return parts.join(' ');
}
