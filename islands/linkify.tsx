import type { JSX } from "preact";

const URL_RE = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Text with its web links clickable (used by the inbox and the website widget). */
export function linkify(text: string): (string | JSX.Element)[] {
  const out: (string | JSX.Element)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    out.push(text.slice(last, match.index));
    out.push(
      <a href={match[0]} target="_blank" rel="noopener noreferrer nofollow">{match[0]}</a>,
    );
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}
