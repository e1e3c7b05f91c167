"""The command a hint names, run as the clerk would run it: the text after 'fourtwo' up to the
end of the command (a closing quote or bracket, a ';'), each '…' filled with the value given
for the option before it."""

from __future__ import annotations

import re
import shlex

from click.testing import Result
from conftest import cli


def hinted_command(output: str, command: str, **fill: str) -> list[str]:
    """The words of the first 'fourtwo COMMAND …' in `output`, placeholders filled (an option
    whose value is not given is left out, with its placeholder)."""
    found = re.search(rf"fourtwo ({re.escape(command)}\b[^'()\n;]*)", output)
    assert found is not None, f"no 'fourtwo {command}' in: {output}"
    words = shlex.split(found.group(1).rstrip(" ."))
    out: list[str] = []
    for word in words:
        if word == "…":
            option = out.pop()
            if option.lstrip("-").replace("-", "_") in fill:
                out += [option, fill[option.lstrip("-").replace("-", "_")]]
        else:
            out.append(word)
    return out


def run_hint(output: str, command: str, **fill: str) -> Result:
    return cli(*hinted_command(output, command, **fill))
