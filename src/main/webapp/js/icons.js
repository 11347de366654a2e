// Small line-art icons as inline SVG, drawn for Chorus: emoji fonts are not everywhere (a camera
// emoji shows as a box on many Linux desktops), and an SVG follows the text colour.

const SVG = 'http://www.w3.org/2000/svg';
const PATHS = {
  // A handset: earpiece top left, mouthpiece bottom right.
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
  // A camera body with its lens cone.
  video: 'M3 6h11a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2zM17 10l5-3v10l-5-3z',
};

/** An icon (`phone` or `video`), hidden from screen readers: the control carries the label. */
export function icon(name, className = '') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon-svg ${className}`.trim());
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.appendChild(path);
  return svg;
}
