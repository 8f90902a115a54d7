"""Fill an atpreg PDF form with pypdf, as a person's script would, and save it.

usage: pypdf_fill.py IN.pdf OUT.pdf VALUES.json
VALUES.json: {"text": {"name": "value", ...}, "check": {"name": true|false, ...}}
Names are the fields' fully qualified names ("p1.routes.intravenous").

pypdf's own filling call, PdfWriter.update_page_form_field_values, is used
for every field it can address: by fully qualified name where the installed
pypdf matches those (it then also takes auto_regenerate=False), else (pypdf
3.x as in Debian 12) by the partial name /T, for fields whose partial name
is unique on the page. Any other field is set as that call sets it (/V, and
/AS for a checkbox). Prints "api N direct M".
"""
import inspect
import json
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

src, dst, spec = sys.argv[1:4]
with open(spec, encoding="utf-8") as f:
    vals = json.load(f)
wanted = {}
for k, v in vals.get("text", {}).items():
    wanted[k] = v
for k, v in vals.get("check", {}).items():
    wanted[k] = "/Yes" if v else "/Off"

reader = PdfReader(src)
writer = PdfWriter()
writer.clone_document_from_reader(reader)

params = inspect.signature(writer.update_page_form_field_values).parameters
qualified_api = "auto_regenerate" in params


def qualified(annot):
    parts = []
    a = annot
    while a is not None:
        a = a.get_object()
        if "/T" in a:
            parts.insert(0, str(a["/T"]))
        a = a.get("/Parent")
    return ".".join(parts)


api = direct = 0
for page in writer.pages:
    annots = [a.get_object() for a in page.get("/Annots", [])]
    names = {qualified(a): a for a in annots if a.get("/Subtype") == "/Widget"}
    partial_count = {}
    for a in annots:
        t = a.get("/T")
        partial_count[t] = partial_count.get(t, 0) + 1
    by_api = {}
    for name, annot in names.items():
        if name not in wanted:
            continue
        value = wanted[name]
        if qualified_api:
            by_api[name] = value
        elif partial_count.get(annot.get("/T")) == 1:
            by_api[str(annot["/T"])] = value
        else:
            if annot.get("/FT") == "/Btn":
                annot[NameObject("/AS")] = NameObject(value)
                annot[NameObject("/V")] = NameObject(value)
            else:
                annot[NameObject("/V")] = TextStringObject(value)
            direct += 1
    if by_api:
        if qualified_api:
            writer.update_page_form_field_values(page, by_api, auto_regenerate=False)
        else:
            writer.update_page_form_field_values(page, by_api)
        api += len(by_api)
writer.set_need_appearances_writer()
with open(dst, "wb") as f:
    writer.write(f)
print("api", api, "direct", direct)
