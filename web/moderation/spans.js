// The classifier's spans are byte offsets into the UTF-8 body; JavaScript
// strings are indexed in UTF-16 code units. Convert once, carefully: a start
// inside a character moves back to its start, an end inside one moves on to
// its end, and overlapping spans merge.

/** [{start, end, categories}] in string indexes, sorted and merged. */
export function spansToRanges(body, spans) {
  const encoder = new TextEncoder();
  // Byte offset of each character boundary -> string index.
  const bytes = [0];
  const indexes = [0];
  let b = 0;
  let i = 0;
  for (const ch of body) {
    b += encoder.encode(ch).length;
    i += ch.length;
    bytes.push(b);
    indexes.push(i);
  }
  const back = (offset) => {
    let k = 0;
    while (k + 1 < bytes.length && bytes[k + 1] <= offset) k++;
    return indexes[k];
  };
  const forward = (offset) => {
    let k = 0;
    while (k < bytes.length - 1 && bytes[k] < offset) k++;
    return indexes[k];
  };
  const ranges = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.start < b)
    .map((s) => ({ start: back(s.start), end: forward(Math.min(s.end, b)), categories: [s.category].filter(Boolean) }))
    .filter((r) => r.end > r.start)
    .sort((x, y) => x.start - y.start);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      for (const c of r.categories) if (!last.categories.includes(c)) last.categories.push(c);
    } else {
      merged.push({ ...r, categories: [...r.categories] });
    }
  }
  return merged;
}

/** The body as text nodes with <mark> around the spans (never markup from the body). */
export function highlighted(body, spans, label = (c) => c) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const r of spansToRanges(body, spans)) {
    if (r.start > at) fragment.append(document.createTextNode(body.slice(at, r.start)));
    const mark = document.createElement('mark');
    mark.textContent = body.slice(r.start, r.end);
    mark.title = r.categories.map(label).join(', ');
    mark.dataset.categories = r.categories.join(' ');
    fragment.append(mark);
    at = r.end;
  }
  if (at < body.length) fragment.append(document.createTextNode(body.slice(at)));
  return fragment;
}
