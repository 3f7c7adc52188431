#include "docx_package.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace reissue::test {

std::vector<std::pair<std::string, std::string>> unzip(const std::string& zip_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    throw std::runtime_error(std::string("not a ZIP archive: ") + zip_error_strerror(&error));
  }
  std::vector<std::pair<std::string, std::string>> parts;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    const zip_int64_t read = file ? zip_fread(file, bytes.data(), bytes.size()) : -1;
    if (file) zip_fclose(file);
    if (read != static_cast<zip_int64_t>(bytes.size())) {
      zip_discard(archive);
      throw std::runtime_error(std::string("cannot read ") + stat.name);
    }
    parts.emplace_back(stat.name, std::move(bytes));
  }
  zip_discard(archive);
  return parts;
}

namespace {
bool is_word(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0 &&
         node->ns && std::strcmp(reinterpret_cast<const char*>(node->ns->href),
                                 "http://schemas.openxmlformats.org/wordprocessingml/2006/main") == 0;
}

void collect_text(const xmlNode* node, DocxParagraph& paragraph) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (is_word(child, "t")) {
      xmlChar* content = xmlNodeGetContent(child);
      paragraph.text += reinterpret_cast<const char*>(content);
      xmlFree(content);
    } else if (is_word(child, "tab") && !is_word(node, "tabs")) {
      paragraph.text += "\t";
    } else if (is_word(child, "pStyle")) {
      xmlChar* value = xmlGetNsProp(child, BAD_CAST "val", child->ns->href);
      if (value) paragraph.style = reinterpret_cast<const char*>(value);
      xmlFree(value);
    } else if (!is_word(child, "instrText")) {
      collect_text(child, paragraph);
    }
  }
}

void collect_paragraphs(const xmlNode* node, std::vector<DocxParagraph>& out) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (is_word(child, "p")) {
      DocxParagraph paragraph;
      collect_text(child, paragraph);
      out.push_back(paragraph);
    } else {
      collect_paragraphs(child, out);
    }
  }
}
}  // namespace

std::vector<DocxParagraph> docx_paragraphs(const std::string& document_xml) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      xmlReadMemory(document_xml.data(), static_cast<int>(document_xml.size()), "document.xml", nullptr, XML_PARSE_NONET),
      xmlFreeDoc);
  if (!doc) throw std::runtime_error("document.xml is not well-formed");
  std::vector<DocxParagraph> out;
  collect_paragraphs(xmlDocGetRootElement(doc.get()), out);
  return out;
}

}  // namespace reissue::test
