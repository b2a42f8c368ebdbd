import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from '../../../renderer/views/hostlogs/Highlighted';
import { splitHighlights } from '../../../renderer/views/hostlogs/highlight';

const O = '\u0001';
const C = '\u0002';
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

describe('rendering highlighted log text', () => {
  it('renders a logged tag as text, only the markers as <mark>', () => {
    const html = renderToStaticMarkup(
      <Highlighted segments={splitHighlights(`<img src=x onerror=alert(1)> ${O}<b>disk</b>${C}`)} />,
    );
    expect(html).toBe(
      '<span>&lt;img src=x onerror=alert(1)&gt; </span><mark data-testid="hostlogs-mark">&lt;b&gt;disk&lt;/b&gt;</mark>',
    );
  });

  it('produces one <mark> per marked run and escapes every character of any input', () => {
    const piece = fc.oneof(
      fc.constantFrom(O, C, '<', '>', '&', '"', "'", '<script>', '</mark>'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const segs = splitHighlights(parts.join(''));
        const html = renderToStaticMarkup(<Highlighted segments={segs} />);
        const expected = segs
          .map((s) =>
            s.mark ? `<mark data-testid="hostlogs-mark">${escape(s.text)}</mark>` : `<span>${escape(s.text)}</span>`,
          )
          .join('');
        expect(html).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
