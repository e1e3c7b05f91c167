"""The two disclosures and what lies between them: what a notice says (its context and
digest), rendering, notice periods, personal data, and publish / implement / object /
verify."""
