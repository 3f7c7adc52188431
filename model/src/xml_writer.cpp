#include "reissue/xml_writer.h"

#include "reissue/error.h"

#include <libxml/xmlwriter.h>


namespace reissue::xml {

namespace {
void check(int result) {
  if (result < 0) throw InternalError("libxml2", "the XML writer failed");
}
}  // namespace

namespace {
int append_to_string(void* context, const char* bytes, int length) {
  static_cast<std::string*>(context)->append(bytes, static_cast<size_t>(length));
  return length;
}
}  // namespace

Writer::Writer(bool indent) : writer_(nullptr) {
  xmlOutputBufferPtr output = xmlOutputBufferCreateIO(append_to_string, nullptr, &out_, nullptr);
  writer_ = output ? xmlNewTextWriter(output) : nullptr;  // owns `output` from here
  if (!writer_) {
    if (output) xmlOutputBufferClose(output);
    throw InternalError("libxml2", "cannot create an XML writer");
  }
  if (indent) {
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, BAD_CAST "  ");
  }
}

Writer::~Writer() {
  if (writer_) xmlFreeTextWriter(writer_);
}

void Writer::start_document(bool standalone) {
  check(xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", standalone ? "yes" : nullptr));
}
void Writer::start(const char* name) { check(xmlTextWriterStartElement(writer_, BAD_CAST name)); }
void Writer::end() { check(xmlTextWriterEndElement(writer_)); }
void Writer::attribute(const char* name, const std::string& value) {
  check(xmlTextWriterWriteAttribute(writer_, BAD_CAST name, BAD_CAST value.c_str()));
}
void Writer::text(const std::string& value) {
  if (!value.empty()) check(xmlTextWriterWriteString(writer_, BAD_CAST value.c_str()));
}
void Writer::raw(const std::string& markup) {
  if (!markup.empty()) check(xmlTextWriterWriteRaw(writer_, BAD_CAST markup.c_str()));
}

std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void Writer::element(const char* name, const std::string& value) {
  start(name);
  text(value);
  end();
}
void Writer::empty(const char* name) {
  start(name);
  end();
}
void Writer::empty(const char* name, const char* attribute_name, const std::string& value) {
  start(name);
  attribute(attribute_name, value);
  end();
}

std::string Writer::finish() {
  check(xmlTextWriterEndDocument(writer_));
  xmlFreeTextWriter(writer_);  // flushes the rest into out_
  writer_ = nullptr;
  return std::move(out_);
}

}  // namespace reissue::xml
