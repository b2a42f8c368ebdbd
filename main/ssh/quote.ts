import { OpsError } from '../../shared/api/errors';

/**
 * POSIX single-quoting: inside '...' no character is special, so the only
 * thing to escape is the quote itself ('\''). The result is one word to every
 * POSIX shell (sh, dash, bash, zsh in sh mode), whatever the value contains.
 * NUL cannot be passed through argv or a shell string at all, so it is refused
 * rather than silently truncating the value.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    throw new OpsError('bad_input', 'A command parameter contains a NUL byte, which no shell can pass on: remove it.');
  }
  return "'" + value.replaceAll("'", "'\\''") + "'";
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * Fills `{{name}}` placeholders (dotted keys such as `{{ci.fields.rack}}` are
 * plain map keys) with the shell-quoted value, so a parameter or CI field is
 * always data and never shell syntax. `{{{{` writes a literal `{{`. An unknown
 * or malformed placeholder is an error: running a command with a hole in it
 * would do something nobody asked for.
 */
export function renderCommand(template: string, params: Record<string, string>): string {
  if (template.includes('\0')) {
    throw new OpsError('bad_input', 'The command template contains a NUL byte: remove it.');
  }
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    if (template.startsWith('{{{{', open)) {
      out += '{{';
      i = open + 4;
      continue;
    }
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      throw new OpsError(
        'bad_input',
        `The command has an unclosed placeholder at position ${open}: close it with }} or write {{{{ for a literal {{.`,
        { position: open },
      );
    }
    const name = template.slice(open + 2, close).trim();
    if (!NAME.test(name)) {
      throw new OpsError(
        'bad_input',
        `The command has a malformed placeholder {{${template.slice(open + 2, close)}}}: names are letters, digits, _ and - with dots between parts (write {{{{ for a literal {{).`,
        { placeholder: template.slice(open + 2, close) },
      );
    }
    if (!Object.hasOwn(params, name)) {
      throw new OpsError('bad_input', `The command uses the placeholder {{${name}}}, which has no value.`, {
        placeholder: name,
        known: Object.keys(params).sort(),
      });
    }
    out += shellQuote(params[name]);
    i = close + 2;
  }
  return out;
}
