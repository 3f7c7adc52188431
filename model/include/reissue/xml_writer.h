// Streaming XML output with libxml2's xmlTextWriter (escaping done by the
// library). Shared by the issue XML writer and the DOCX parts.
#pragma once

#include <string>

typedef struct _xmlTextWriter xmlTextWriter;

namespace reissue::xml {

class Writer {
 public:
  // indent: two spaces per level, one element per line (issue XML); off for
  // machine-read parts (DOCX), where it would only add bytes.
  explicit Writer(bool indent);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void start_document(bool standalone = false);
  void start(const char* name);
  void end();
  void attribute(const char* name, const std::string& value);
  void text(const std::string& value);  // as given, escaped
  // Markup already escaped (mixed content written in one piece, so that
  // indentation never enters it).
  void raw(const std::string& markup);
  // <name>value</name>
  void element(const char* name, const std::string& value);
  // <name/> and <name attribute="value"/>
  void empty(const char* name);
  void empty(const char* name, const char* attribute_name, const std::string& value);
  std::string finish();

 private:
  std::string out_;  // libxml2 flushes into it in chunks: the document is held once
  xmlTextWriter* writer_;
};

// Text escaped for element content or an attribute value in double quotes.
std::string escaped(const std::string& text);

}  // namespace reissue::xml
