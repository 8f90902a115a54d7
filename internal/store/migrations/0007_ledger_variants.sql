-- 0007_ledger_variants: every briefing pack copy carries per-copy wording
-- variants (a canary trap, docs/leak-tracing.md) chosen from its copy id;
-- the ledger keeps the variant vector ("0110…", one character per choice)
-- so that text copied out of a pack can be traced to its entry. Empty for
-- other documents and for packs made before.
ALTER TABLE ledger ADD COLUMN variants TEXT NOT NULL DEFAULT '';
