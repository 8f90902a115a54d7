package letter

// PyReadDraft is a Python 3 program that reads an .eml with Python's email
// package (the modern policy) and prints what it found as JSON: from, to,
// subject, date, message_id, x_unsent, bcc, the text body, each
// attachment's filename, type, size and SHA-256, and the parser's defects.
// Tests of the drafts (here, in the service and the CLI) run it: a real MIME
// parser, not ours, is the judge.
const PyReadDraft = `
import email, email.policy, hashlib, json, sys
with open(sys.argv[1], 'rb') as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
out = {k: (str(msg[h]) if msg[h] is not None else None) for k, h in
       [('from', 'From'), ('to', 'To'), ('subject', 'Subject'), ('date', 'Date'),
        ('message_id', 'Message-ID'), ('x_unsent', 'X-Unsent'), ('bcc', 'Bcc')]}
body = msg.get_body(preferencelist=('plain',))
out['body'] = body.get_content() if body is not None else None
out['attachments'] = []
for part in msg.iter_attachments():
    data = part.get_payload(decode=True) or b''
    out['attachments'].append({'filename': part.get_filename(), 'type': part.get_content_type(),
                               'size': len(data), 'sha256': hashlib.sha256(data).hexdigest()})
defects = [type(d).__name__ for d in msg.defects]
for part in msg.walk():
    defects += [type(d).__name__ for d in part.defects]
out['defects'] = defects
print(json.dumps(out, ensure_ascii=False))
`
