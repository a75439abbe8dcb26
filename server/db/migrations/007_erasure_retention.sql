-- Erasure and retention (server/sync/erasure.ts, server/retention.ts). Never edit a migration once
-- it has landed; add a new file.

-- An erasure finds every record about the person by its memberId, in every collection that has
-- one, without reading every document of the centre.
CREATE INDEX documents_member_idx ON documents ((data->>'memberId'));

-- ... and the audit entries about the person or one of those records (their subject), and the
-- conflict copies of those records (the copy's memberId).
CREATE INDEX documents_audit_subject_idx ON documents ((data->>'subjectId'))
  WHERE collection = 'auditLog';
CREATE INDEX documents_audit_copy_member_idx ON documents ((data->'data'->>'memberId'))
  WHERE collection = 'auditLog';

-- Retention purges audit entries older than the period set, oldest first.
CREATE INDEX documents_audit_created_idx ON documents ((data->>'createdAt'))
  WHERE collection = 'auditLog' AND NOT deleted;
