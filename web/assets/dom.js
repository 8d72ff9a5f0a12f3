// The small DOM helper the pages build their lists and cards with.

/** A `<tag>` with `className` and `text` (put in as text, never as HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
