// A tiny markup builder for the report's SVG and HTML: attributes are escaped here, children are
// markup already built by these helpers, so no text from a journal reaches the page unescaped.
import { escapeAttribute, escapeText } from '../markup-escape.js';

export type Attributes = Readonly<Record<string, string | number | undefined | null | false>>;

/** Numbers with one decimal at most: the file stays small and the drawing exact enough. */
function value(v: string | number): string {
  return typeof v === 'number' ? String(Math.round(v * 10) / 10) : v;
}

/**
 * `<name a="1">children</name>`, or self-closed without children (SVG only: give an HTML element an empty
 * string child); undefined/null/false attributes are left out.
 */
export function tag(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k, v]) => ` ${k}="${escapeAttribute(value(v as string | number))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** Text content, escaped. */
export function text(content: string): string {
  return escapeText(content);
}

/** A hover text (SVG <title>). */
export function hover(content: string): string {
  return `<title>${escapeText(content)}</title>`;
}

/** Cuts a label to `max` characters with an ellipsis (the full text goes in the hover). */
export function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}
