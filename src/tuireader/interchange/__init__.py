"""Reading lists in and out: Pocket, Instapaper, Wallabag, Omnivore, browser bookmarks, URL lists.

Pure, like extract/ and feeds/: no network, no store. `read.read_import` turns an export file
into SavedItems (and the rows it skipped, each with why); `write.write_export` writes them back
out. The store keeps them (cache/), reading/ decides what to fetch, cli/ and ui/ show them.
"""
