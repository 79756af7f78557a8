/**
 * A small element builder: text goes in through text nodes only, never as markup, so
 * nothing pasted into the checker can become HTML or script.
 */

/** Attributes: `class`, `data-*`, `aria-*`, `hidden`, … (a `false` value leaves it out). */
export type Attributes = Readonly<Record<string, string | boolean | undefined>>;

/** A child: an element, text, or nothing. */
export type Child = Node | string | undefined | false;

/** `<tag ...attributes>children</tag>`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}
