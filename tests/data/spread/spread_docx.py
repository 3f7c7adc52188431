# Variant of a corpus DOCX: letter spacing (twentieths of a point) on every
# other justified paragraph, long Latin words inserted, and look-alikes.
import zipfile, sys, re, random
src, out, spacing, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
random.seed(seed)
z = zipfile.ZipFile(src)
doc = z.read('word/document.xml').decode()
adds = ['（Endoscopy On Air）', 'interoperability', 'AI-driven', 'CT-FFR', 'COVID-19',
        'https://www.who.int/news/item/2025-05-20-digital', 'telemedicine', 'Hyperparameter']
count = [0]
def para(m):
    p = m.group(0)
    if '<w:jc w:val="both"/>' not in p: return p
    count[0] += 1
    if count[0] % 2 == 0 and spacing:
        p = p.replace('<w:sz w:val="24"/></w:rPr>', '<w:sz w:val="24"/><w:spacing w:val="%d"/></w:rPr>' % spacing)
    def text(t):
        s = t.group(1)
        if len(s) > 40 and random.random() < 0.6:
            k = random.randrange(10, len(s) - 10)
            s = s[:k] + random.choice(adds) + s[k:]
        return '<w:t xml:space="preserve">' + s + '</w:t>'
    return re.sub(r'<w:t(?: [^>]*)?>([^<]*)</w:t>', text, p)
doc = re.sub(r'<w:p>.*?</w:p>', para, doc, flags=re.S)
zo = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
for item in z.infolist():
    zo.writestr(item, doc if item.filename == 'word/document.xml' else z.read(item.filename))
zo.close()
