"""Writers: a Document serialised as terminal tables, Markdown, HTML, CSV, xlsx, docx or annotations."""
