#include "reissue/xml_writer.h"

#include <libxml/xmlwriter.h>

#include <stdexcept>

namespace reissue::xml {

namespace {
void check(int result) {
  if (result < 0) throw std::runtime_error("XML writer failed");
}
}  // namespace

Writer::Writer(bool indent) : buffer_(xmlBufferCreate()), writer_(buffer_ ? xmlNewTextWriterMemory(buffer_, 0) : nullptr) {
  if (!buffer_ || !writer_) {
    if (buffer_) xmlBufferFree(buffer_);
    throw std::runtime_error("cannot create XML writer");
  }
  if (indent) {
    xmlTextWriterSetIndent(writer_, 1);
    xmlTextWriterSetIndentString(writer_, BAD_CAST "  ");
  }
}

Writer::~Writer() {
  if (writer_) xmlFreeTextWriter(writer_);
  xmlBufferFree(buffer_);
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
  xmlFreeTextWriter(writer_);  // flushes into buffer_
  writer_ = nullptr;
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                     static_cast<size_t>(xmlBufferLength(buffer_)));
}

}  // namespace reissue::xml
