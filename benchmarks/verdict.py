"""One measured ratio and its target: the row every benchmark step reports."""

from __future__ import annotations

import math
from dataclasses import dataclass

# the target of a row measured for reference only (what the stack itself costs): never missed
REFERENCE = math.inf


@dataclass
class Verdict:
    """One measured ratio and its target."""

    name: str
    ratio: float
    target: float
    detail: str

    @property
    def passed(self) -> bool:
        """Whether the ratio meets its target."""
        return self.ratio <= self.target

    def line(self) -> str:
        """One row of the report."""
        status = "PASS" if self.passed else "FAIL"
        target = f"target ≤ {self.target:<5}"
        if self.target == REFERENCE:
            status, target = "REF ", "reference     "
        return f"{self.name:<46} {self.ratio:6.2f}×  {target} {status}  {self.detail}"
