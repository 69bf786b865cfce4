"""Every message the validator gives an editor: what is wrong and how to fix it, in both languages.

Each entry is `code: {"id": (what, how_to_fix), "en": (what, how_to_fix)}`. Placeholders are
filled from the problem: `{field}` always, the others from its params. A test checks that both
languages use the same placeholders, so no message can fail to render.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # --- reading the file ------------------------------------------------------------------
    "file_not_utf8": {
        "id": (
            "Berkas ini tidak tersimpan sebagai UTF-8 (ada huruf yang tidak terbaca).",
            "Simpan ulang berkas dengan pengodean UTF-8 (di editor teks: Save with Encoding → "
            "UTF-8), lalu periksa huruf di baris ini.",
        ),
        "en": (
            "This file is not saved as UTF-8 (a character cannot be read).",
            "Save the file again with UTF-8 encoding (in a text editor: Save with Encoding → "
            "UTF-8), then check the characters on this line.",
        ),
    },
    "file_too_big": {
        "id": (
            "Berkas ini terlalu besar ({size} KB; batasnya {limit} KB).",
            "Satu berkas hanya untuk satu layanan atau satu hotline. Pindahkan isi yang lain ke "
            "berkas tersendiri.",
        ),
        "en": (
            "This file is too large ({size} KB; the limit is {limit} KB).",
            "One file holds one service or one hotline. Move the rest into files of their own.",
        ),
    },
    "file_unreadable": {
        "id": (
            "Berkas ini tidak bisa dibuka ({detail}).",
            "Pastikan berkas ada dan bukan folder.",
        ),
        "en": (
            "This file cannot be opened ({detail}).",
            "Make sure the file exists and is not a folder.",
        ),
    },
    # --- files a pull request may not add (issue 10) -------------------------------------------
    "file_symlink": {
        "id": (
            "Ini tautan simbolik (symlink), bukan berkas biasa. Tautan bisa menunjuk ke berkas di "
            "luar repositori (misalnya kata sandi di komputer yang menerbitkan situs), jadi tidak "
            "pernah dibaca atau diterbitkan.",
            "Hapus tautan ini, lalu salin berkas aslinya ke tempat ini sebagai berkas biasa "
            "(`git rm` tautannya, salin berkasnya, `git add`).",
        ),
        "en": (
            "This is a symbolic link (symlink), not a regular file. A link can point at a file "
            "outside the repository (such as a password on the machine that publishes the site), "
            "so it is never read or published.",
            "Remove the link and put a copy of the real file here as a regular file (`git rm` the "
            "link, copy the file, `git add`).",
        ),
    },
    "file_hard_link": {
        "id": (
            "Berkas ini punya lebih dari satu nama di disk (hard link), sehingga isinya bisa "
            "berasal dari berkas di luar repositori. Berkas ini tidak dibaca.",
            "Ganti dengan salinan biasa: salin isinya ke berkas baru, hapus yang lama, lalu ganti "
            "nama berkas baru itu.",
        ),
        "en": (
            "This file has more than one name on disk (a hard link), so its content may come "
            "from a file outside the repository. It is not read.",
            "Replace it with a plain copy: copy its content to a new file, delete the old one, "
            "then give the new file its name.",
        ),
    },
    "file_special": {
        "id": (
            "Ini bukan berkas biasa (FIFO, soket atau perangkat). Membacanya bisa membuat "
            "pemeriksaan berhenti menunggu selamanya, jadi tidak dibaca.",
            "Hapus benda ini dari repositori; taruh hanya berkas biasa di content/, docs/ dan "
            "overrides/.",
        ),
        "en": (
            "This is not a regular file (a FIFO, a socket or a device). Reading it could make "
            "the check wait for ever, so it is not read.",
            "Remove it from the repository; content/, docs/ and overrides/ hold regular files "
            "only.",
        ),
    },
    "file_name_characters": {
        "id": (
            "Nama berkas atau folder ini `{value}` memuat karakter yang tidak boleh ada di nama "
            "(baris baru, karakter kontrol, pemisah baris, atau karakter pembalik arah teks), "
            "atau lebih dari 120 karakter. Nama seperti itu merusak penerbitan (FTP) dan bisa "
            "terbaca lain dari isinya.",
            "Ganti nama berkas hanya dengan huruf kecil, angka dan tanda hubung, misalnya "
            "`foto-kantor.jpg`.",
        ),
        "en": (
            "The name of this file or folder `{value}` holds characters a name may not hold (a "
            "newline, a control character, a line separator or a character that reverses the "
            "direction of text), or is longer than 120 characters. Such a name breaks publishing "
            "(FTP) and can read differently from what it is.",
            "Rename the file with lower-case letters, digits and dashes only, e.g. "
            "`office-photo.jpg`.",
        ),
    },
    "docs_hidden_file": {
        "id": (
            "Berkas atau folder tersembunyi `{value}` (namanya diawali titik) tidak boleh ada di "
            "docs/. Berkas seperti `.htaccess` atau `.well-known/` diikuti oleh server web, dan "
            "hanya Ruang Aman yang menulis berkas untuk server.",
            "Hapus berkas ini dari docs/. Pengaturan server ditulis otomatis oleh pembangunan "
            "situs; tanyakan pengelola situs bila perlu yang lain.",
        ),
        "en": (
            "The hidden file or folder `{value}` (its name starts with a dot) may not be in docs/. "
            "Files such as `.htaccess` or `.well-known/` are obeyed by the web server, and only "
            "Ruang Aman writes files for the server.",
            "Remove this file from docs/. The server settings are written by the build; ask the "
            "site's maintainer if something else is needed.",
        ),
    },
    "docs_file_name": {
        "id": (
            "Nama `{value}` di docs/ memuat karakter yang tidak bisa dipakai di alamat web "
            "(spasi, tanda kutip, garis miring terbalik, huruf beraksen...).",
            "Ganti nama hanya dengan huruf, angka, tanda hubung (-), garis bawah (_) dan titik, "
            "misalnya `foto-kantor.jpg`, lalu perbarui tautan ke berkas itu.",
        ),
        "en": (
            "The name `{value}` in docs/ holds characters a web address cannot use (spaces, "
            "quotes, backslashes, accented letters...).",
            "Rename it with letters, digits, dashes (-), underscores (_) and dots only, e.g. "
            "`office-photo.jpg`, then update the links to it.",
        ),
    },
    "docs_reserved_name": {
        "id": (
            "`{value}` adalah alamat yang ditulis oleh Ruang Aman sendiri (halaman layanan, "
            "hotline, 404, sitemap, service worker, data terbuka, kontak, pencarian, cetak, "
            "folder bahasa, atau berkas `assets/ruangaman*`). Berkas di docs/ tidak boleh "
            "menggantikannya.",
            "Beri berkas ini nama lain (misalnya `panduan/...` untuk panduan, `gambar/...` untuk "
            "gambar) dan perbarui tautannya.",
        ),
        "en": (
            "`{value}` is an address Ruang Aman writes itself (service pages, hotlines, 404, "
            "sitemap, service worker, open data, contacts, search, print, a language folder or "
            "an `assets/ruangaman*` file). A file in docs/ may not stand in for it.",
            "Give this file another name (e.g. `panduan/...` for a guide, `gambar/...` for an "
            "image) and update the links to it.",
        ),
    },
    "docs_file_type": {
        "id": (
            "Berkas `{value}` tidak boleh ada di docs/. docs/ hanya berisi halaman "
            "(`nama.id.md`, `nama.en.md`) dan gambar atau dokumen dengan akhiran: {types}. "
            "Berkas lain (HTML, JavaScript, CSS, SVG, teks, `_redirects`, `_headers`, `CNAME`...) "
            "akan diterbitkan dari alamat situs ini dan bisa menjalankan kode atau mengubah "
            "perilaku server.",
            "Hapus berkas ini, atau simpan sebagai salah satu jenis yang diizinkan (gambar SVG: "
            "ekspor ke PNG). Pengaturan server ditulis otomatis oleh Ruang Aman.",
        ),
        "en": (
            "The file `{value}` may not be in docs/. docs/ holds only pages (`name.id.md`, "
            "`name.en.md`) and images or documents ending in: {types}. Any other file (HTML, "
            "JavaScript, CSS, SVG, text, `_redirects`, `_headers`, `CNAME`...) would be "
            "published from this site's address and could run code or change what the server "
            "does.",
            "Remove this file, or save it as one of the allowed types (an SVG image: export it "
            "to PNG). The server settings are written by Ruang Aman.",
        ),
    },
    "docs_file_content": {
        "id": (
            "Berkas ini bernama seperti berkas {value}, tetapi isinya bukan {value}.",
            "Simpan ulang gambar atau dokumen dari programnya dalam format {value}, atau beri "
            "akhiran yang sesuai dengan isinya.",
        ),
        "en": (
            "This file is named as a {value} file, but what it holds is not {value}.",
            "Save the image or document again from its program as {value}, or give it the "
            "ending that matches what it holds.",
        ),
    },
    "text_one_line_characters": {
        "id": (
            "Kolom `{field}` hanya boleh satu baris, tetapi memuat karakter {character} (huruf "
            "ke-{position}, sesudah `{before}`): baris baru, karakter kontrol, pemisah baris, "
            "atau karakter pengatur arah teks yang tidak terlihat. Karakter seperti itu merusak "
            "halaman atau membuat nomor telepon terbaca lain.",
            "Tulis nilainya dalam satu baris, tanpa tanda kutip berisi `\\n`. Bila teks disalin "
            "dari dokumen atau pesan, ketik ulang bagian itu.",
        ),
        "en": (
            "The field `{field}` must be one line, but it holds the character {character} "
            "(character {position}, after `{before}`): a line break, a control character, a line "
            "separator or an invisible character that changes the direction of text. Such a "
            "character breaks the pages or makes a phone number read differently.",
            "Write the value on one line, without quotes holding `\\n`. If the text was pasted "
            "from a document or a message, type that part again.",
        ),
    },
    "text_multiline_characters": {
        "id": (
            "Kolom `{field}` memuat karakter {character} (huruf ke-{position}, sesudah "
            "`{before}`): karakter kontrol, pemisah baris, atau karakter pengatur arah teks yang "
            "tidak terlihat. Hanya baris baru yang boleh.",
            "Hapus karakter itu; bila teks disalin dari dokumen atau pesan, ketik ulang bagian "
            "itu.",
        ),
        "en": (
            "The field `{field}` holds the character {character} (character {position}, after "
            "`{before}`): a control character, a line separator or an invisible character that "
            "changes the direction of text. Only line breaks are allowed.",
            "Remove that character; if the text was pasted from a document or a message, type "
            "that part again.",
        ),
    },
    "yaml_too_deep": {
        "id": (
            "Isi berkas ini bersarang terlalu dalam (lebih dari {limit} tingkat daftar atau "
            "kolom di dalam kolom). Tidak ada berkas konten yang memerlukannya.",
            "Periksa tanda kurung siku `[` dan kurung kurawal serta jumlah spasi di awal baris "
            "mulai dari baris ini; bandingkan dengan contoh di panduan editor.",
        ),
        "en": (
            "This file nests too deep (more than {limit} levels of lists or fields inside "
            "fields). No content file needs that.",
            "Check the square brackets `[`, the curly brackets and the spaces at the start of the "
            "lines from this line on; compare with the example in the editor guide.",
        ),
    },
    "yaml_tab": {
        "id": (
            "Baris ini memakai karakter Tab untuk menjorok ke dalam.",
            "Ganti Tab dengan spasi: dua spasi untuk setiap tingkat.",
        ),
        "en": (
            "This line is indented with a Tab character.",
            "Replace the Tab with spaces: two spaces for each level.",
        ),
    },
    "yaml_syntax": {
        "id": (
            "Susunan berkas tidak bisa dibaca di sini: {detail_id}.",
            "Periksa tanda titik dua (nama: nilai) dan jumlah spasi di awal baris ini dan baris "
            "sebelumnya; baris yang setingkat harus sejajar. Teks yang memuat titik dua atau "
            "tanda pagar (#) diberi tanda kutip.",
        ),
        "en": (
            "The file cannot be read here: {detail_en}.",
            "Check the colons (name: value) and the spaces at the start of this line and the one "
            "before; lines at the same level must line up. Put text that contains a colon or a "
            "hash (#) in quotes.",
        ),
    },
    "yaml_duplicate_key": {
        "id": (
            "Kolom `{field}` ditulis dua kali (yang pertama di baris {first_line}).",
            "Hapus salah satunya dan simpan hanya nilai yang benar.",
        ),
        "en": (
            "The field `{field}` is written twice (first on line {first_line}).",
            "Delete one of them and keep only the correct value.",
        ),
    },
    "yaml_alias": {
        "id": (
            "Berkas ini memakai anchor atau alias YAML (tanda & atau *).",
            "Tulis nilainya secara langsung. Anchor dan alias tidak dipakai di berkas konten.",
        ),
        "en": (
            "This file uses a YAML anchor or alias (& or *).",
            "Write the value out in full. Anchors and aliases are not used in content files.",
        ),
    },
    "yaml_tag": {
        "id": (
            "Berkas ini memakai tag YAML khusus ({detail}).",
            "Hapus tag yang diawali tanda seru (!) dan tulis nilainya sebagai teks biasa.",
        ),
        "en": (
            "This file uses a special YAML tag ({detail}).",
            "Remove the tag that starts with an exclamation mark (!) and write the value as "
            "plain text.",
        ),
    },
    "yaml_many_documents": {
        "id": (
            "Berkas ini berisi lebih dari satu dokumen (ada baris `---` di tengah).",
            "Satu berkas untuk satu data. Hapus baris `---` atau pindahkan isi berikutnya ke "
            "berkas baru.",
        ),
        "en": (
            "This file holds more than one document (there is a `---` line in the middle).",
            "One file holds one record. Remove the `---` line or move what follows into a new "
            "file.",
        ),
    },
    "yaml_empty": {
        "id": (
            "Berkas ini kosong.",
            "Isi berkas dengan kolom-kolom yang diperlukan (lihat contoh di panduan editor), "
            "atau hapus berkasnya.",
        ),
        "en": (
            "This file is empty.",
            "Fill in the required fields (see the example in the editor guide), or delete the "
            "file.",
        ),
    },
    "front_matter_missing": {
        "id": (
            "Halaman ini tidak diawali keterangan halaman (front matter) di antara dua baris "
            "`---`.",
            "Tambahkan di baris paling atas:\n  ---\n  title: Judul halaman\n  ---",
        ),
        "en": (
            "This page does not start with page details (front matter) between two `---` lines.",
            "Add at the very top:\n  ---\n  title: Page title\n  ---",
        ),
    },
    "front_matter_unclosed": {
        "id": (
            "Keterangan halaman (front matter) dibuka dengan `---` tetapi tidak ditutup.",
            "Tambahkan baris `---` sesudah kolom terakhir keterangan halaman.",
        ),
        "en": (
            "The page details (front matter) open with `---` but are never closed.",
            "Add a `---` line after the last field of the page details.",
        ),
    },
    # --- structure ---------------------------------------------------------------------------
    "not_a_mapping": {
        "id": (
            "Bagian ini harus berisi kolom-kolom `nama: nilai`, bukan {got}.",
            "Tulis setiap kolom di baris sendiri, misalnya `name: Nama layanan`.",
        ),
        "en": (
            "This part must hold `name: value` fields, not {got}.",
            "Write each field on its own line, for example `name: Service name`.",
        ),
    },
    "unknown_key": {
        "id": (
            "Kolom `{field}` tidak dikenal.",
            "{suggestion_id}Kolom yang boleh ada di sini: {allowed}.",
        ),
        "en": (
            "The field `{field}` is not known.",
            "{suggestion_en}Fields allowed here: {allowed}.",
        ),
    },
    "missing": {
        "id": (
            "Kolom wajib `{field}` belum diisi.",
            "Tambahkan `{key}:` ({title_id}). Contoh: {example}",
        ),
        "en": (
            "The required field `{field}` is missing.",
            "Add `{key}:` ({title_en}). Example: {example}",
        ),
    },
    "empty": {
        "id": (
            "Kolom `{field}` kosong.",
            "Isi kolom ini ({title_id}) atau hapus barisnya jika tidak wajib. Contoh: {example}",
        ),
        "en": (
            "The field `{field}` is empty.",
            "Fill it in ({title_en}) or delete the line if it is optional. Example: {example}",
        ),
    },
    "wrong_type": {
        "id": (
            "Kolom `{field}` harus berisi {expected_id}.",
            "Contoh penulisan yang benar: {example}",
        ),
        "en": (
            "The field `{field}` must hold {expected_en}.",
            "A correct example: {example}",
        ),
    },
    "bad_choice": {
        "id": (
            'Nilai "{value}" tidak dikenal untuk kolom `{field}`.',
            "{suggestion_id}Pilih salah satu: {choices}.",
        ),
        "en": (
            'The value "{value}" is not known for the field `{field}`.',
            "{suggestion_en}Choose one of: {choices}.",
        ),
    },
    "too_few": {
        "id": (
            "Kolom `{field}` perlu paling sedikit {minimum} isian.",
            "Tambahkan isian sebagai daftar, satu per baris diawali `- `. Contoh: {example}",
        ),
        "en": (
            "The field `{field}` needs at least {minimum} item(s).",
            "Add items as a list, one per line starting with `- `. Example: {example}",
        ),
    },
    "duplicate_item": {
        "id": (
            'Isian "{value}" ditulis dua kali di `{field}`.',
            "Hapus salah satunya.",
        ),
        "en": (
            'The item "{value}" appears twice in `{field}`.',
            "Delete one of them.",
        ),
    },
    "too_long": {
        "id": (
            "Kolom `{field}` terlalu panjang ({length} huruf; batasnya {limit}).",
            "Persingkat teksnya. Uraian panjang lebih mudah dibaca di ponsel bila dipecah.",
        ),
        "en": (
            "The field `{field}` is too long ({length} characters; the limit is {limit}).",
            "Shorten the text. Long descriptions read better on a phone when split up.",
        ),
    },
    # --- values ------------------------------------------------------------------------------
    "bad_date": {
        "id": (
            'Tanggal "{value}" tidak ada atau tidak bisa dibaca.',
            "Tulis tanggal sebagai TAHUN-BULAN-HARI, misalnya 2026-07-16, dan pastikan tanggal "
            "itu ada di kalender.",
        ),
        "en": (
            'The date "{value}" does not exist or cannot be read.',
            "Write the date as YEAR-MONTH-DAY, for example 2026-07-16, and make sure the date "
            "exists in the calendar.",
        ),
    },
    "future_date": {
        "id": (
            "Tanggal {value} belum terjadi (hari ini {today}).",
            "Tulis tanggal ketika data ini benar-benar diperiksa, bukan tanggal yang akan datang.",
        ),
        "en": (
            "The date {value} is in the future (today is {today}).",
            "Write the date the information was actually checked, not a date to come.",
        ),
    },
    "stale_verification": {
        "id": (
            "Data layanan ini terakhir diperiksa {value}, lebih dari {months} bulan yang lalu.",
            "Hubungi layanan ini untuk memastikan kontak dan jam layanan masih benar, lalu "
            "perbarui `verified_on` dengan tanggal hari ini.",
        ),
        "en": (
            "This service was last checked on {value}, more than {months} months ago.",
            "Contact the service to confirm its contacts and hours are still right, then set "
            "`verified_on` to today's date.",
        ),
    },
    "bad_time": {
        "id": (
            'Jam "{value}" tidak bisa dibaca.',
            'Tulis jam dengan format JJ:MM di antara tanda kutip, misalnya "07:30" atau "16:00".',
        ),
        "en": (
            'The time "{value}" cannot be read.',
            'Write the time as HH:MM in quotes, for example "07:30" or "16:00".',
        ),
    },
    "same_open_close": {
        "id": (
            "Jam buka dan jam tutup sama ({value}).",
            "Jika layanan buka 24 jam, hapus jadwal mingguan dan tulis `open_24_hours: true`.",
        ),
        "en": (
            "The opening and closing times are the same ({value}).",
            "If the service is open 24 hours, remove the weekly hours and write "
            "`open_24_hours: true`.",
        ),
    },
    "schedule_both": {
        "id": (
            "Jadwal berisi `open_24_hours: true` dan juga jam mingguan.",
            "Pilih salah satu: hapus `weekly` jika buka 24 jam, atau hapus `open_24_hours`.",
        ),
        "en": (
            "The schedule says `open_24_hours: true` and also lists weekly hours.",
            "Choose one: remove `weekly` if it is open 24 hours, or remove `open_24_hours`.",
        ),
    },
    "bad_phone": {
        "id": (
            'Nomor telepon "{value}" tidak bisa dibaca sebagai nomor Indonesia.',
            "Tulis nomor lengkap dengan kode wilayah (misalnya 0561 untuk Kubu Raya dan "
            "Pontianak) atau nomor HP yang diawali 08 atau +62. Boleh memakai spasi atau tanda "
            "hubung.",
        ),
        "en": (
            'The phone number "{value}" cannot be read as an Indonesian number.',
            "Write the full number with its area code (for example 0561 for Kubu Raya and "
            "Pontianak) or a mobile number starting with 08 or +62. Spaces and dashes are fine.",
        ),
    },
    "phone_incomplete": {
        "id": (
            'Nomor telepon "{value}" tidak lengkap atau tidak ada.',
            "Periksa kembali jumlah angkanya. Tulis nomor lengkap dengan kode wilayah (0561 "
            "untuk Kubu Raya dan Pontianak), atau nomor HP yang diawali 08 atau +62.",
        ),
        "en": (
            'The phone number "{value}" is incomplete or does not exist.',
            "Check the digits again. Write the full number with its area code (0561 for Kubu "
            "Raya and Pontianak), or a mobile number starting with 08 or +62.",
        ),
    },
    "short_code_not_allowed": {
        "id": (
            'Nomor pendek "{value}" hanya boleh dipakai untuk hotline.',
            "Tulis nomor lengkap layanan ini. Nomor seperti 129, 110 atau 112 dicatat di "
            "content/hotlines/, bukan di layanan.",
        ),
        "en": (
            'The short number "{value}" may only be used for a hotline.',
            "Write this service's full number. Numbers such as 129, 110 or 112 belong in "
            "content/hotlines/, not in a service.",
        ),
    },
    "whatsapp_not_mobile": {
        "id": (
            'Nomor "{value}" bukan nomor HP, jadi tidak bisa dipakai untuk WhatsApp.',
            "Nomor WhatsApp adalah nomor HP yang diawali 08 atau +628. Jika ini telepon kantor, "
            "tulis `type: voice`.",
        ),
        "en": (
            'The number "{value}" is not a mobile number, so it cannot be used for WhatsApp.',
            "A WhatsApp number is a mobile number starting with 08 or +628. If this is an office "
            "line, write `type: voice`.",
        ),
    },
    "duplicate_phone": {
        "id": (
            'Nomor "{value}" dengan jenis {kind} ditulis dua kali.',
            "Hapus salah satunya.",
        ),
        "en": (
            'The number "{value}" of kind {kind} is listed twice.',
            "Delete one of them.",
        ),
    },
    "bad_url": {
        "id": (
            'Alamat web "{value}" tidak bisa dipakai.',
            "Tulis alamat lengkap yang diawali https:// (atau http://), misalnya "
            "https://healing119.id.",
        ),
        "en": (
            'The web address "{value}" cannot be used.',
            "Write the full address starting with https:// (or http://), for example "
            "https://healing119.id.",
        ),
    },
    "bad_email": {
        "id": (
            'Alamat surel "{value}" tidak benar.',
            "Tulis alamat surel lengkap, misalnya nama@contoh.go.id, tanpa spasi.",
        ),
        "en": (
            'The email address "{value}" is not valid.',
            "Write the full email address, for example name@example.go.id, without spaces.",
        ),
    },
    "bad_coordinate": {
        "id": (
            "Koordinat `{field}` ({value}) tidak masuk akal untuk Indonesia.",
            "Salin garis lintang dan garis bujur dari peta (misalnya -0.05 dan 109.35). Garis "
            "lintang di Indonesia antara -11 dan 6, garis bujur antara 95 dan 141.",
        ),
        "en": (
            "The coordinate `{field}` ({value}) does not make sense for Indonesia.",
            "Copy latitude and longitude from a map (for example -0.05 and 109.35). In "
            "Indonesia latitude lies between -11 and 6, longitude between 95 and 141.",
        ),
    },
    "coordinate_pair": {
        "id": (
            "Hanya satu dari `latitude` dan `longitude` yang diisi.",
            "Isi keduanya, atau hapus keduanya.",
        ),
        "en": (
            "Only one of `latitude` and `longitude` is filled in.",
            "Fill in both, or remove both.",
        ),
    },
    # --- references --------------------------------------------------------------------------
    "unknown_kecamatan": {
        "id": (
            'Kecamatan "{value}" tidak ada di {region}.',
            "{suggestion_id}Kecamatan di {region}: {choices}.",
        ),
        "en": (
            'There is no kecamatan "{value}" in {region}.',
            "{suggestion_en}Kecamatan in {region}: {choices}.",
        ),
    },
    "unknown_desa": {
        "id": (
            'Desa "{value}" tidak ada di Kecamatan {kecamatan}.',
            "{suggestion_id}Periksa ejaan nama desa, atau periksa apakah kecamatannya benar.",
        ),
        "en": (
            'There is no desa "{value}" in Kecamatan {kecamatan}.',
            "{suggestion_en}Check the spelling of the desa, or whether the kecamatan is right.",
        ),
    },
    "unknown_type": {
        "id": (
            'Jenis layanan "{value}" tidak ada di content/taxonomy.yml.',
            "{suggestion_id}Jenis yang tersedia: {choices}.",
        ),
        "en": (
            'The service type "{value}" is not in content/taxonomy.yml.',
            "{suggestion_en}Types available: {choices}.",
        ),
    },
    "unknown_topic": {
        "id": (
            'Topik "{value}" tidak ada di content/taxonomy.yml.',
            "{suggestion_id}Topik yang tersedia: {choices}.",
        ),
        "en": (
            'The topic "{value}" is not in content/taxonomy.yml.',
            "{suggestion_en}Topics available: {choices}.",
        ),
    },
    "unknown_region": {
        "id": (
            'Kode wilayah "{value}" tidak ada dalam daftar wilayah Kemendagri.',
            "{suggestion_id}Tulis kode kabupaten/kota dengan titik, misalnya 61.12 untuk "
            "Kabupaten Kubu Raya; kode provinsi untuk seluruh provinsi, misalnya 61 untuk "
            "Kalimantan Barat; atau ID untuk seluruh Indonesia.",
        ),
        "en": (
            'The region code "{value}" is not in the Kemendagri list of areas.',
            "{suggestion_en}Write the regency or city code with a dot, for example 61.12 for "
            "Kabupaten Kubu Raya; a province code for a whole province, for example 61 for "
            "Kalimantan Barat; or ID for all of Indonesia.",
        ),
    },
    "unknown_regency": {
        "id": (
            'Kabupaten/kota "{value}" tidak ada di wilayah situs ini ({area}).',
            "{suggestion_id}Tulis nama kabupaten atau kota seperti di daftar Kemendagri, "
            'misalnya "Kubu Raya" atau "Kota Pontianak", atau kodenya, misalnya 61.12.',
        ),
        "en": (
            'There is no regency or city "{value}" in the area of this site ({area}).',
            "{suggestion_en}Write the regency or city name as in the Kemendagri list, "
            'for example "Kubu Raya" or "Kota Pontianak", or its code, for example 61.12.',
        ),
    },
    "ambiguous_regency": {
        "id": (
            '"{value}" bisa berarti lebih dari satu wilayah: {choices}.',
            'Tulis nama lengkapnya, misalnya "{first}", atau kodenya ({first_code}).',
        ),
        "en": (
            '"{value}" could mean more than one area: {choices}.',
            'Write the full name, for example "{first}", or its code ({first_code}).',
        ),
    },
    "missing_regency": {
        "id": (
            "Lokasi layanan tidak menyebut kabupaten atau kota.",
            "Situs ini mencakup {area}, dan nama kecamatan yang sama ada di banyak kabupaten. "
            "Tambahkan `kabupaten:` di bawah `location:`, misalnya `kabupaten: Kubu Raya`.",
        ),
        "en": (
            "The service's location does not name its regency or city.",
            "This site covers {area}, and the same kecamatan name exists in many regencies. "
            "Add `kabupaten:` under `location:`, for example `kabupaten: Kubu Raya`.",
        ),
    },
    # --- records -----------------------------------------------------------------------------
    "bad_id": {
        "id": (
            'Kode "{value}" bukan UUID.',
            "Kode (id) berbentuk 8-4-4-4-12 huruf a-f dan angka, misalnya "
            "1b6f0c2e-8a4e-4c3b-9a57-3d1f2b9e7c10. Salin kode yang disarankan pemeriksa, "
            "dan jangan mengubahnya lagi.",
        ),
        "en": (
            'The id "{value}" is not a UUID.',
            "An id has the form 8-4-4-4-12 with letters a-f and digits, for example "
            "1b6f0c2e-8a4e-4c3b-9a57-3d1f2b9e7c10. Copy the id the checker suggests and never "
            "change it again.",
        ),
    },
    "duplicate_id": {
        "id": (
            "Kode (id) {value} sudah dipakai oleh {other}.",
            "Setiap layanan dan hotline perlu kode sendiri. Hapus baris `id` di berkas yang "
            "baru dibuat (disalin), jalankan pemeriksaan, lalu salin kode baru yang disarankan.",
        ),
        "en": (
            "The id {value} is already used by {other}.",
            "Every service and hotline needs its own id. Remove the `id` line from the file "
            "that was copied, run the check, then copy the new id it suggests.",
        ),
    },
    "bad_slug": {
        "id": (
            'Nama berkas "{value}" tidak bisa dipakai sebagai alamat halaman.',
            "Pakai huruf kecil a-z, angka dan tanda hubung saja, misalnya "
            "uptd-ppa-kubu-raya.yml. Nama {reserved} sudah dipakai situs.",
        ),
        "en": (
            'The file name "{value}" cannot be used as a page address.',
            "Use lower-case letters a-z, digits and dashes only, for example "
            "uptd-ppa-kubu-raya.yml. The names {reserved} are taken by the site.",
        ),
    },
    "duplicate_slug": {
        "id": (
            "Nama berkas ini sama dengan {other} (hanya berbeda akhiran .yml/.yaml).",
            "Dua berkas tidak boleh punya nama yang sama: ganti nama salah satunya, atau hapus "
            "yang tidak dipakai.",
        ),
        "en": (
            "This file has the same name as {other} (only the .yml/.yaml ending differs).",
            "Two files cannot share a name: rename one of them, or delete the one not in use.",
        ),
    },
    "bad_link": {
        "id": (
            'Tautan "{value}" tidak boleh dipakai{note_id}.',
            "Tautan hanya boleh ke halaman situs ini (misalnya cara-melapor.md), ke alamat "
            "https:// atau http://, atau ke tel:, sms: dan mailto:. Hapus tautan javascript:, "
            "data:, vbscript: dan sejenisnya (juga yang ditulis dengan kode seperti &#106; atau "
            "&colon;).",
        ),
        "en": (
            'The link "{value}" is not allowed{note_en}.',
            "Links may only go to pages of this site (for example cara-melapor.md), to https:// "
            "or http:// addresses, or to tel:, sms: and mailto:. Remove javascript:, data:, "
            "vbscript: and similar links (also when written with codes such as &#106; or "
            "&colon;).",
        ),
    },
    # --- HTML in pages and guides (checked on the rendered page, see pagehtml.py) ----------
    "page_html_element": {
        "id": (
            "Tag HTML <{tag}> tidak boleh dipakai di halaman{note_id}.",
            "Tulis dengan Markdown biasa (judul ##, daftar, tabel, **tebal**, [tautan](alamat), "
            "![gambar](gambar.png)). HTML yang boleh: p, br, hr, h1-h6, blockquote, div, span, "
            "ul, ol, li, dl, dt, dd, em, strong, b, i, u, s, del, ins, mark, small, sub, sup, "
            "abbr, cite, q, code, kbd, pre, table (dan isinya), a, img, figure, figcaption, "
            "details, summary. Skrip, iframe, form, style, svg, video, audio, komentar <!-- --> "
            "dan sejenisnya tidak boleh.",
        ),
        "en": (
            "The HTML tag <{tag}> is not allowed in a page{note_en}.",
            "Write it in plain Markdown (## headings, lists, tables, **bold**, [links](address), "
            "![images](image.png)). Allowed HTML: p, br, hr, h1-h6, blockquote, div, span, ul, "
            "ol, li, dl, dt, dd, em, strong, b, i, u, s, del, ins, mark, small, sub, sup, abbr, "
            "cite, q, code, kbd, pre, table (and its parts), a, img, figure, figcaption, "
            "details, summary. Scripts, iframes, forms, styles, svg, video, audio, <!-- --> "
            "comments and the like are not.",
        ),
    },
    "page_html_attribute": {
        "id": (
            "Atribut `{attr}` pada <{tag}> tidak boleh dipakai{note_id}.",
            "Hapus atribut itu, juga jika ditulis di antara kurung kurawal sesudah teks "
            "(attr_list). Yang boleh: id, lang, dir, title di mana saja; href pada a; src, "
            "alt, width, height pada img; colspan, rowspan pada sel tabel; start pada ol; open "
            "pada details. Atribut on...= (skrip), style=, target=, srcset= dan sejenisnya "
            "tidak boleh.",
        ),
        "en": (
            "The attribute `{attr}` on <{tag}> is not allowed{note_en}.",
            "Remove the attribute, also when written between curly brackets after the text "
            "(attr_list). Allowed: id, lang, dir, title anywhere; href on a; src, alt, width, "
            "height on img; colspan, rowspan on table cells; start on ol; open on details. "
            "on...= (scripts), style=, target=, srcset= and the like are not.",
        ),
    },
    "page_html_value": {
        "id": (
            'Nilai "{value}" untuk `{attr}` pada <{tag}> tidak boleh dipakai{note_id}.',
            "Ganti atau hapus nilainya. `id` memakai huruf, angka, - dan _ saja dan tidak "
            "diawali __, ra-, md- atau pagefind (nama itu dipakai situs); `class` tidak boleh "
            "dipakai; `style` hanya dibuat oleh tabel Markdown untuk perataan kolom; "
            "width/height/colspan/rowspan/start berupa angka.",
        ),
        "en": (
            'The value "{value}" for `{attr}` on <{tag}> is not allowed{note_en}.',
            "Change or remove it. `id` uses only letters, digits, - and _ and does not start "
            "with __, ra-, md- or pagefind (the site uses those names); `class` may not be "
            "used; `style` is only made by Markdown tables to align columns; "
            "width/height/colspan/rowspan/start are numbers.",
        ),
    },
    "page_image_elsewhere": {
        "id": (
            'Gambar "{value}" tidak berasal dari situs ini{note_id}.',
            "Simpan gambarnya di folder docs/ (misalnya docs/panduan/gambar/alur.png) dan "
            "tulis alamatnya tanpa nama situs: ![Alur melapor](gambar/alur.png). Gambar dari "
            "situs lain (https://, //, data:) memberi tahu situs itu alamat setiap pembaca.",
        ),
        "en": (
            'The image "{value}" is not from this site{note_en}.',
            "Save the image in the docs/ folder (for example docs/panduan/gambar/alur.png) and "
            "write its address without a site name: ![Reporting steps](gambar/alur.png). An "
            "image from another site (https://, //, data:) tells that site every reader's "
            "address.",
        ),
    },
    "page_html_comment": {
        "id": (
            "Halaman ini berisi komentar HTML <!-- ... -->{note_id}.",
            "Hapus komentarnya: komentar ikut terbit dan bisa dibaca siapa pun di sumber "
            "halaman. Catatan untuk sesama editor tulis di pull request.",
        ),
        "en": (
            "This page holds an HTML comment <!-- ... -->{note_en}.",
            "Remove the comment: it is published and anyone can read it in the page source. "
            "Write notes for other editors in the pull request.",
        ),
    },
    "page_html_changed": {
        "id": (
            "HTML di halaman ini tidak terbaca dengan pasti (sekitar: {value}){note_id}.",
            "Browser akan membacanya lain dari pemeriksaan ini. Tulis bagian itu dengan "
            "Markdown biasa, atau tutup setiap tag HTML dengan benar (misalnya <tbody> di "
            "dalam <table>, tanda kutip pada setiap nilai atribut).",
        ),
        "en": (
            "The HTML in this page cannot be read with certainty (near: {value}){note_en}.",
            "A browser would read it differently from this check. Write that part in plain "
            "Markdown, or close every HTML tag properly (for example <tbody> inside <table>, "
            "quotes around every attribute value).",
        ),
    },
    "page_too_big": {
        "id": (
            "Halaman ini terlalu panjang ({size} KB; batasnya {limit} KB).",
            "Bagi menjadi beberapa panduan yang saling bertaut.",
        ),
        "en": (
            "This page is too long ({size} KB; the limit is {limit} KB).",
            "Split it into several guides that link to each other.",
        ),
    },
    "page_too_deep": {
        "id": (
            "Kutipan (>), daftar atau tag HTML di sini bertumpuk terlalu dalam (lebih dari "
            "{limit} tingkat).",
            "Kurangi tingkatnya: tulis kutipan dan daftar paling banyak beberapa tingkat, dan "
            "periksa tanda > atau spasi di awal baris yang berlebihan.",
        ),
        "en": (
            "Quotes (>), lists or HTML tags are nested too deeply here (more than {limit} levels).",
            "Use fewer levels: quotes and lists a few levels deep at most; check for extra > "
            "signs or spaces at the start of lines.",
        ),
    },
    "page_too_many_brackets": {
        "id": (
            "Bagian yang dimulai di baris ini berisi lebih dari {limit} tanda [.",
            "Tanda [ dipakai untuk tautan. Hapus tanda [ yang tidak perlu, atau beri baris "
            "kosong di antara bagian-bagian yang panjang.",
        ),
        "en": (
            "The block starting on this line holds more than {limit} [ signs.",
            "The [ sign starts a link. Remove the [ signs that are not needed, or put blank "
            "lines between long parts.",
        ),
    },
    "page_too_slow": {
        "id": (
            "Halaman ini tidak selesai dibuat dalam {seconds} detik.",
            "Biasanya karena banyak tanda [ , <, * atau ` yang tidak ditutup, atau kutipan dan "
            "daftar yang bertumpuk dalam. Hapus bagian yang tidak perlu, lalu periksa lagi.",
        ),
        "en": (
            "This page could not be made within {seconds} seconds.",
            "Usually this is many [, <, * or ` signs that are never closed, or quotes and lists "
            "nested deeply. Remove what is not needed, then check again.",
        ),
    },
    # --- mkdocs.yml (project code: only the settings the project uses) -----------------------
    "mkdocs_setting": {
        "id": (
            "Pengaturan `{field}` di mkdocs.yml tidak diizinkan oleh proyek ini.",
            "Hapus pengaturan itu. mkdocs.yml adalah bagian dari kode situs: hooks, plugin, "
            "markdown_extensions, folder, skrip dan style lain tidak boleh diubah lewat pull "
            "request konten. Pengaturan yang boleh ada: {allowed}.",
        ),
        "en": (
            "The setting `{field}` in mkdocs.yml is not allowed by this project.",
            "Remove it. mkdocs.yml is part of the site's code: hooks, plugins, "
            "markdown_extensions, folders, other scripts and styles are not changed through a "
            "content pull request. Settings that may be there: {allowed}.",
        ),
    },
    "mkdocs_value": {
        "id": (
            'Nilai "{value}" untuk `{field}` di mkdocs.yml tidak diizinkan.',
            "Kembalikan nilainya seperti di mkdocs.yml bawaan proyek. Yang boleh: {allowed}.",
        ),
        "en": (
            'The value "{value}" for `{field}` in mkdocs.yml is not allowed.',
            "Put back the value of the project's own mkdocs.yml. Allowed: {allowed}.",
        ),
    },
    "active_needs_verification": {
        "id": (
            "Layanan berstatus `active` tetapi belum ada `{missing}`.",
            "Layanan aktif harus sudah diperiksa: isi `verified_on` (tanggal pemeriksaan) dan "
            "`sources` (dari mana kontaknya diketahui), atau ubah status menjadi `unverified`.",
        ),
        "en": (
            "The service is `active` but has no `{missing}`.",
            "An active service must have been checked: fill in `verified_on` (the date it was "
            "checked) and `sources` (where the contacts come from), or set the status to "
            "`unverified`.",
        ),
    },
    "duplicate_order": {
        "id": (
            "Urutan {value} juga dipakai oleh {other}.",
            "Beri setiap hotline nomor urut `order` yang berbeda.",
        ),
        "en": (
            "The order {value} is also used by {other}.",
            "Give every hotline a different `order` number.",
        ),
    },
    "no_pinned_hotline": {
        "id": (
            "Tidak ada hotline dengan `pinned: true`.",
            "Tandai hotline terpenting (misalnya SAPA 129 dan 112) dengan `pinned: true` agar "
            "tampil di bagian atas setiap halaman.",
        ),
        "en": (
            "No hotline has `pinned: true`.",
            "Mark the most important hotlines (for example SAPA 129 and 112) with "
            "`pinned: true` so they show at the top of every page.",
        ),
    },
    "missing_translation": {
        "id": (
            "Halaman ini belum punya terjemahan bahasa Inggris ({value}).",
            "Buat berkas {value} dengan isi berbahasa Inggris. Sampai ada, pembaca bahasa "
            "Inggris melihat halaman bahasa Indonesia dengan pemberitahuan.",
        ),
        "en": (
            "This page has no English translation yet ({value}).",
            "Create the file {value} with the English text. Until then English readers see the "
            "Indonesian page with a notice.",
        ),
    },
    "orphan_translation": {
        "id": (
            "Halaman bahasa Inggris ini tidak punya halaman bahasa Indonesia ({value}).",
            "Bahasa Indonesia adalah bahasa utama situs: buat {value}, atau periksa ejaan nama "
            "berkasnya.",
        ),
        "en": (
            "This English page has no Indonesian page ({value}).",
            "Indonesian is the site's main language: create {value}, or check the spelling of "
            "the file name.",
        ),
    },
    "bad_page_name": {
        "id": (
            'Nama berkas halaman "{value}" tidak diakhiri kode bahasa.',
            "Beri nama berkas halaman dengan akhiran bahasa: nama.id.md untuk bahasa Indonesia "
            "dan nama.en.md untuk bahasa Inggris.",
        ),
        "en": (
            'The page file name "{value}" does not end with a language code.',
            "Name page files with a language ending: name.id.md for Indonesian and name.en.md "
            "for English.",
        ),
    },
    "translation_mismatch": {
        "id": (
            "Kolom `{field}` berbeda antara versi Indonesia dan Inggris ({value}).",
            "Tulis nilai `{field}` yang sama di {other}: kolom ini tidak diterjemahkan.",
        ),
        "en": (
            "The field `{field}` differs between the Indonesian and English versions ({value}).",
            "Write the same `{field}` in {other}: this field is not translated.",
        ),
    },
    # --- built pages (trust-theme) ------------------------------------------------------------
    "page_has_code": {
        "id": (
            "Halaman situs yang dibangun ini berisi kode yang tidak ditulis Ruang Aman: {what}. "
            "Halaman ini tidak diterbitkan.",
            "Kode seperti ini masuk lewat isi (nama, judul, nama hotline, atau HTML di panduan). "
            "Cari teks itu di content/ atau docs/, lalu hapus tag <script> atau <style>, atribut "
            "style= atau on…= (misalnya onclick=), dan alamat javascript:. Tulis teks biasa saja.",
        ),
        "en": (
            "This built page of the site holds code that Ruang Aman did not write: {what}. "
            "The page is not published.",
            "Code like this comes in through content (a name, a title, a hotline's name, or HTML "
            "in a guide). Find that text in content/ or docs/, then remove the <script> or "
            "<style> tag, the style= or on…= attribute (such as onclick=) and any javascript: "
            "address. Write plain text only.",
        ),
    },
    "page_has_code_more": {
        "id": (
            "{n} halaman lain juga berisi kode yang tidak ditulis Ruang Aman.",
            "Perbaiki masalah di atas dulu: biasanya satu teks di content/ atau docs/ muncul di "
            "banyak halaman (misalnya nama situs atau judul di menu).",
        ),
        "en": (
            "{n} more page(s) also hold code that Ruang Aman did not write.",
            "Fix the problems above first: one text in content/ or docs/ often appears on many "
            "pages (such as the site name or a title in the menu).",
        ),
    },
    # --- publishing (ruangaman publish) ---------------------------------------------------
    "publish_no_destination": {
        "id": (
            "Tujuan penerbitan belum ditentukan.",
            "Tulis tujuan di content/site.yml (publish: destination: sftp://pengguna@host/folder) "
            "atau berikan di perintah: ruangaman publish TUJUAN.",
        ),
        "en": (
            "No publishing destination is set.",
            "Write it in content/site.yml (publish: destination: sftp://user@host/folder) or give "
            "it on the command line: ruangaman publish DEST.",
        ),
    },
    "publish_bad_destination": {
        "id": (
            "Tujuan penerbitan `{dest}` tidak dikenali.",
            "Gunakan salah satu bentuk: git+file:///jalur/repo.git#gh-pages, "
            "git+ssh://git@host/repo.git#gh-pages, file:///jalur/folder, "
            "sftp://pengguna@host:22/folder, ftp://pengguna@host/folder atau "
            "ftps://pengguna@host/folder.",
        ),
        "en": (
            "The publishing destination `{dest}` is not recognised.",
            "Use one of: git+file:///path/repo.git#gh-pages, git+ssh://git@host/repo.git#gh-pages, "
            "file:///path/to/folder, sftp://user@host:22/folder, ftp://user@host/folder or "
            "ftps://user@host/folder.",
        ),
    },
    "publish_git_no_branch": {
        "id": (
            "Tujuan git `{dest}` tidak menyebut cabang.",
            "Tambahkan nama cabang di akhir setelah tanda #, misalnya …/repo.git#gh-pages.",
        ),
        "en": (
            "The git destination `{dest}` names no branch.",
            "Add the branch name at the end after a #, for example …/repo.git#gh-pages.",
        ),
    },
    "publish_password_in_url": {
        "id": (
            "Tujuan penerbitan ({scheme}) memuat kata sandi. Kata sandi tidak boleh ditulis di "
            "alamat: alamat itu tercatat di berkas dan log.",
            "Hapus kata sandi dari alamat (tulis pengguna@host saja) dan simpan kata sandi di "
            "variabel lingkungan {variable}. Ganti kata sandi itu di server, karena sudah "
            "tertulis.",
        ),
        "en": (
            "The publishing destination ({scheme}) holds a password. Passwords never go in the "
            "address: it is kept in files and logs.",
            "Remove the password from the address (write user@host only) and put it in the "
            "environment variable {variable}. Change that password on the server: it was "
            "written down.",
        ),
    },
    "publish_no_user": {
        "id": (
            "Tujuan `{dest}` tidak menyebut nama pengguna.",
            "Tulis nama pengguna sebelum host, misalnya sftp://pengguna@host/public_html.",
        ),
        "en": (
            "The destination `{dest}` names no user.",
            "Write the user name before the host, for example sftp://user@host/public_html.",
        ),
    },
    "publish_missing_env": {
        "id": (
            "Kata sandi untuk {host} belum diberikan: variabel lingkungan {variable} kosong.",
            "Isi variabel {variable} sebelum menjalankan perintah (di GitHub: Settings → "
            "Secrets → Actions). Jangan menulis kata sandi di berkas mana pun.",
        ),
        "en": (
            "No password for {host}: the environment variable {variable} is empty.",
            "Set {variable} before running the command (on GitHub: Settings → Secrets → "
            "Actions). Never write the password in any file.",
        ),
    },
    "publish_env_file": {
        "id": (
            "Berkas `{path}` yang disebut variabel {variable} tidak bisa dibaca.",
            "Periksa jalur di variabel {variable} dan pastikan berkasnya ada.",
        ),
        "en": (
            "The file `{path}` named by {variable} cannot be read.",
            "Check the path in {variable} and make sure the file exists.",
        ),
    },
    "publish_unreachable": {
        "id": (
            "Server {host} tidak bisa dihubungi ({detail}).",
            "Periksa nama host dan nomor port di tujuan, dan sambungan internet. Jika server "
            "sedang mati, coba lagi nanti.",
        ),
        "en": (
            "The server {host} cannot be reached ({detail}).",
            "Check the host name and port in the destination, and the internet connection. If "
            "the server is down, try again later.",
        ),
    },
    "publish_auth_failed": {
        "id": (
            "Server {host} menolak masuk sebagai `{user}`.",
            "Periksa nama pengguna di tujuan dan kata sandi atau kunci di {variable} (kata "
            "sandi dari panel hosting, misalnya cPanel).",
        ),
        "en": (
            "The server {host} refused the log-in as `{user}`.",
            "Check the user name in the destination and the password or key in {variable} "
            "(the password from the hosting panel, such as cPanel).",
        ),
    },
    "publish_host_key_unknown": {
        "id": (
            "Kunci server {host} belum dikenal, jadi sambungan tidak dipercaya.",
            "Minta sidik jari kunci SSH kepada penyedia hosting, lalu tambahkan kuncinya ke "
            "~/.ssh/known_hosts (atau ke berkas di variabel {variable}), misalnya dengan "
            "ssh-keyscan, setelah sidik jarinya dicocokkan.",
        ),
        "en": (
            "The server {host}'s key is not known, so the connection is not trusted.",
            "Ask the hosting provider for the SSH key fingerprint, then add the key to "
            "~/.ssh/known_hosts (or to the file in {variable}), for example with ssh-keyscan, "
            "after checking the fingerprint.",
        ),
    },
    "publish_host_key_changed": {
        "id": (
            "Kunci server {host} berbeda dari yang tercatat. Bisa jadi ada pihak yang menyadap.",
            "Jangan menerbitkan dulu. Tanyakan kepada penyedia hosting apakah kuncinya memang "
            "diganti; jika ya, perbarui known_hosts.",
        ),
        "en": (
            "The server {host}'s key differs from the one on record. Someone may be listening in.",
            "Do not publish yet. Ask the hosting provider whether the key really changed; if so, "
            "update known_hosts.",
        ),
    },
    "publish_tls_untrusted": {
        "id": (
            "Sertifikat TLS server {host} tidak dipercaya.",
            "Jika hosting memakai sertifikat sendiri, simpan sertifikatnya di berkas dan sebut "
            "jalurnya di variabel {variable}.",
        ),
        "en": (
            "The TLS certificate of {host} is not trusted.",
            "If the host uses its own certificate, save it in a file and name its path in "
            "{variable}.",
        ),
    },
    "publish_denied": {
        "id": (
            "Server {host} tidak mengizinkan menulis di sini ({detail}).",
            "Periksa folder di tujuan (misalnya /public_html) dan hak akses pengguna itu di "
            "panel hosting.",
        ),
        "en": (
            "The server {host} does not allow writing here ({detail}).",
            "Check the folder in the destination (such as /public_html) and the user's rights "
            "in the hosting panel.",
        ),
    },
    "publish_interrupted": {
        "id": (
            "Sambungan ke {host} terputus di tengah penerbitan ({detail}).",
            "Jalankan perintah yang sama lagi: berkas yang belum terkirim dikirim ulang dan "
            "situs menjadi lengkap.",
        ),
        "en": (
            "The connection to {host} broke off during publishing ({detail}).",
            "Run the same command again: the files not yet sent are sent and the site is "
            "completed.",
        ),
    },
    "publish_failed": {
        "id": (
            "Server {host} menjawab dengan galat ({detail}).",
            "Coba lagi. Jika galat tetap sama, tunjukkan pesan ini kepada penyedia hosting.",
        ),
        "en": (
            "The server {host} answered with an error ({detail}).",
            "Try again. If the error stays the same, show this message to the hosting provider.",
        ),
    },
    "publish_git_failed": {
        "id": (
            "Git tidak bisa menerbitkan ke {host} ({detail}).",
            "Periksa alamat repositori dan nama cabang, dan hak menulis (kunci SSH atau token "
            "di RUANGAMAN_GIT_PASSWORD).",
        ),
        "en": (
            "Git could not publish to {host} ({detail}).",
            "Check the repository address and branch name, and the right to write (SSH key or "
            "the token in RUANGAMAN_GIT_PASSWORD).",
        ),
    },
    "publish_unsafe_destination": {
        "id": (
            "Bagian `{part}` dari tujuan penerbitan tidak aman: `{value}` ({detail}).",
            "Tulis tujuan hanya dengan huruf, angka dan tanda biasa, tanpa spasi di alamat git, "
            "tanpa tanda - di awal nama, tanpa .. dan tanpa karakter kendali (baris baru, tab). "
            "Tujuan seperti ini bisa menjalankan perintah dengan kata sandi penerbitan.",
        ),
        "en": (
            "The part `{part}` of the publishing destination is not safe: `{value}` ({detail}).",
            "Write the destination with letters, digits and ordinary signs only: no spaces in a "
            "git address, no - at the start of a name, no .. and no control characters (new "
            "line, tab). A destination like this could run commands with the publishing "
            "passwords.",
        ),
    },
    "publish_bad_branch": {
        "id": (
            "Nama cabang git `{branch}` tidak bisa dipakai.",
            "Pakai nama sederhana setelah tanda #, misalnya gh-pages: huruf, angka, dan . _ / -, "
            "tidak diawali - atau ., tanpa .., @, spasi, : atau ~ (aturan git "
            "check-ref-format).",
        ),
        "en": (
            "The git branch name `{branch}` cannot be used.",
            "Use a plain name after the #, such as gh-pages: letters, digits and . _ / -, not "
            "starting with - or ., without .., @, spaces, : or ~ (git check-ref-format's "
            "rule).",
        ),
    },
    "publish_unsafe_path": {
        "id": (
            "Penerbitan ke {host} berhenti: jalur `{path}` keluar dari folder tujuan atau tidak "
            "aman ({detail}). Tidak ada yang ditulis atau dihapus di sana.",
            "Periksa folder tujuan di server: jalur ini tidak dibuat oleh Ruang Aman. Hapus "
            "tautan simbolik di folder tujuan, lalu jalankan lagi.",
        ),
        "en": (
            "Publishing to {host} stopped: the path `{path}` leaves the destination folder or "
            "is not safe ({detail}). Nothing was written or deleted there.",
            "Check the destination folder on the server: Ruang Aman did not make this path. "
            "Remove symbolic links in the destination folder, then run again.",
        ),
    },
    "publish_bad_file_name": {
        "id": (
            "Berkas situs `{path}` tidak bisa diterbitkan ({detail}); {more} berkas lain juga. "
            "Tidak ada yang dikirim.",
            "Ganti nama berkas itu di docs/ (atau hapus tautan simbolik): pakai huruf, angka, "
            "- dan _, tanpa baris baru, tab, garis miring terbalik atau nama yang sangat panjang.",
        ),
        "en": (
            "The site file `{path}` cannot be published ({detail}); {more} other file(s) too. "
            "Nothing was sent.",
            "Rename that file in docs/ (or remove the symbolic link): use letters, digits, - and "
            "_, without new lines, tabs, backslashes or very long names.",
        ),
    },
    "publish_manifest_unreadable": {
        "id": (
            "Daftar berkas (manifest) di server tidak bisa dibaca ({detail}), jadi dianggap "
            "kosong: semua berkas dikirim ulang dan tidak ada yang dihapus.",
            "Tidak perlu tindakan jika ini sekali saja. Jika terus terjadi, periksa siapa yang "
            "mengubah berkas .ruangaman-manifest.json di server.",
        ),
        "en": (
            "The file list (manifest) on the server cannot be read ({detail}), so it counts as "
            "empty: every file is sent again and nothing is deleted.",
            "Nothing to do if it happens once. If it keeps happening, check who changes "
            ".ruangaman-manifest.json on the server.",
        ),
    },
    "publish_manifest_entry": {
        "id": (
            "Daftar berkas di server menyebut `{path}`, jalur yang tidak aman ({detail}). Jalur "
            "itu diabaikan: tidak ada yang dihapus atau ditulis di luar folder tujuan.",
            "Periksa siapa yang mengubah .ruangaman-manifest.json di server; penerbitan "
            "berikutnya menulis daftar yang benar.",
        ),
        "en": (
            "The file list on the server names `{path}`, a path that is not safe ({detail}). It "
            "is ignored: nothing outside the destination folder is deleted or written.",
            "Check who changed .ruangaman-manifest.json on the server; the next publish writes "
            "a correct list.",
        ),
    },
    "publish_destination_changed": {
        "id": (
            "Perubahan ini mengganti tujuan penerbitan dari `{old}` ke `{new}`. Setelah "
            "digabung, kata sandi penerbitan akan dikirim ke tujuan baru itu.",
            "Hanya pengelola (maintainer) yang boleh menyetujui perubahan ini, setelah "
            "memastikan tujuan baru benar milik kantor. Jika Anda tidak bermaksud mengubahnya, "
            "kembalikan publish.destination seperti semula.",
        ),
        "en": (
            "This change moves the publishing destination from `{old}` to `{new}`. Once merged, "
            "the publishing passwords are sent to that new destination.",
            "Only a maintainer may approve this, after making sure the new destination belongs "
            "to the office. If you did not mean to change it, put publish.destination back as "
            "it was.",
        ),
    },
    "publish_base_unreadable": {
        "id": (
            "Versi dasar `{base}` untuk dibandingkan tidak bisa dibaca ({detail}).",
            "Pastikan revisi itu ada (misalnya ambil dengan git fetch origin main), lalu jalankan "
            "lagi: ruangaman check --base origin/main.",
        ),
        "en": (
            "The base revision `{base}` to compare with cannot be read ({detail}).",
            "Make sure the revision exists (for example fetch it with git fetch origin main), then "
            "run again: ruangaman check --base origin/main.",
        ),
    },
    # --- spreadsheets (ruangaman import) -------------------------------------------------------
    "sheet_unreadable": {
        "id": (
            "Lembar kerja ini tidak bisa dibaca ({detail}).",
            "Buka berkasnya di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx atau "
            "sebagai CSV UTF-8.",
        ),
        "en": (
            "This spreadsheet cannot be read ({detail}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx or as CSV UTF-8.",
        ),
    },
    "sheet_unknown_format": {
        "id": (
            "Berkas {value} bukan lembar kerja yang dikenal.",
            "Pakai berkas berakhiran .xlsx atau .csv (simpan dari Excel: Save As → Excel "
            "Workbook atau CSV UTF-8).",
        ),
        "en": (
            "The file {value} is not a known kind of spreadsheet.",
            "Use a file ending in .xlsx or .csv (from Excel: Save As → Excel Workbook or "
            "CSV UTF-8).",
        ),
    },
    "sheet_empty": {
        "id": (
            "Lembar kerja ini kosong.",
            "Baris pertama berisi nama kolom, lalu satu baris untuk setiap layanan. Cara "
            "termudah: mulai dari hasil `ruangaman export`.",
        ),
        "en": (
            "This spreadsheet is empty.",
            "The first row holds the column names, then one row per service. The easiest start "
            "is the file `ruangaman export` writes.",
        ),
    },
    "sheet_unknown_column": {
        "id": (
            "Kolom `{field}` tidak dikenal.",
            "{suggestion_id}Ubah judul kolom di baris pertama. Kolom yang dikenal: {columns}.",
        ),
        "en": (
            "The column `{field}` is not known.",
            "{suggestion_en}Change the column title in the first row. Known columns: {columns}.",
        ),
    },
    "sheet_duplicate_column": {
        "id": (
            "Kolom `{field}` ada dua kali di baris pertama.",
            "Hapus salah satu kolom itu.",
        ),
        "en": (
            "The column `{field}` appears twice in the first row.",
            "Delete one of the two columns.",
        ),
    },
    "sheet_duplicate_slug": {
        "id": (
            'Nama berkas "{value}" sudah dipakai di baris {row}.',
            "Setiap baris menjadi satu berkas: beri baris ini `slug` yang lain, atau hapus "
            "baris yang dobel.",
        ),
        "en": (
            'The file name "{value}" is already used on row {row}.',
            "Each row becomes one file: give this row another `slug`, or delete the duplicate row.",
        ),
    },
    "sheet_bad_bool": {
        "id": (
            'Isi "{value}" di kolom `{field}` bukan ya atau tidak.',
            "Tulis true (ya) atau false (tidak), atau kosongkan selnya.",
        ),
        "en": (
            'The value "{value}" in column `{field}` is not yes or no.',
            "Write true (yes) or false (no), or leave the cell empty.",
        ),
    },
    "sheet_bad_number": {
        "id": (
            'Isi "{value}" di kolom `{field}` bukan angka.',
            "Tulis angka saja, misalnya -0.05 atau 3, atau kosongkan selnya.",
        ),
        "en": (
            'The value "{value}" in column `{field}` is not a number.',
            "Write a number only, for example -0.05 or 3, or leave the cell empty.",
        ),
    },
    "sheet_bad_phone": {
        "id": (
            'Nomor "{value}" di kolom `{field}` tidak bisa dibaca.',
            "Tulis satu nomor per baris sel, dengan jenisnya dalam kurung: "
            "0561 123456 (voice), 0811 2345 6789 (whatsapp) atau (sms).",
        ),
        "en": (
            'The number "{value}" in column `{field}` cannot be read.',
            "Write one number per line of the cell, with its kind in brackets: "
            "0561 123456 (voice), 0811 2345 6789 (whatsapp) or (sms).",
        ),
    },
    "sheet_bad_hours": {
        "id": (
            'Jam layanan "{value}" di kolom `{field}` tidak bisa dibaca.',
            "Tulis hari lalu jam buka-tutup, satu baris sel per jadwal: senin-jumat 08:00-15:00 "
            "atau sabtu 08:00-12:00. Hari: senin, selasa, rabu, kamis, jumat, sabtu, minggu.",
        ),
        "en": (
            'The opening hours "{value}" in column `{field}` cannot be read.',
            "Write the days, then opening-closing times, one line of the cell per schedule: "
            "senin-jumat 08:00-15:00 or sabtu 08:00-12:00. Days: senin, selasa, rabu, kamis, "
            "jumat, sabtu, minggu.",
        ),
    },
    "sheet_notes_without_phone": {
        "id": (
            'Keterangan "{value}" di kolom `{field}` tidak punya nomor di kolom `phones`.',
            "Tulis keterangan nomor dengan urutan yang sama dengan nomor di kolom `phones`, "
            "satu baris sel untuk setiap nomor.",
        ),
        "en": (
            'The note "{value}" in column `{field}` has no number in the `phones` column.',
            "Write the notes in the same order as the numbers in the `phones` column, one line "
            "of the cell per number.",
        ),
    },
    "sheet_bad_yaml": {
        "id": (
            'Isi kolom `{field}` tidak bisa dibaca ("{value}").',
            "Salin isi kolom ini dari hasil `ruangaman export`, lalu ubah nilainya saja.",
        ),
        "en": (
            'The column `{field}` cannot be read ("{value}").',
            "Copy this cell from the file `ruangaman export` writes, then change only the values.",
        ),
    },
    "sheet_too_large": {
        "id": (
            "Lembar kerja ini terlalu besar untuk diimpor ({detail}; batas {limit}).",
            "Bagi lembar kerja menjadi beberapa berkas yang lebih kecil, atau hapus kolom dan "
            "lembar yang tidak dipakai, lalu impor satu per satu.",
        ),
        "en": (
            "This spreadsheet is too large to import ({detail}; the limit is {limit}).",
            "Split it into smaller files, or delete unused columns and sheets, then import them "
            "one at a time.",
        ),
    },
    "sheet_too_many_rows": {
        "id": (
            "Lembar kerja ini punya lebih dari {limit} baris data.",
            "Bagi menjadi beberapa berkas dengan paling banyak {limit} baris, lalu impor satu "
            "per satu. Baris kosong di bagian bawah juga dihitung: hapus baris itu.",
        ),
        "en": (
            "This spreadsheet has more than {limit} rows of data.",
            "Split it into files of at most {limit} rows and import them one at a time. Empty "
            "rows at the bottom count too: delete them.",
        ),
    },
    # --- commands for editors ----------------------------------------------------------------
    "file_exists": {
        "id": (
            "Berkas ini sudah ada.",
            "Perintah ini tidak menimpa berkas. Pakai nama lain, atau ubah berkas yang ada.",
        ),
        "en": (
            "This file already exists.",
            "This command never overwrites a file. Choose another name, or edit the existing file.",
        ),
    },
    "bad_name": {
        "id": (
            'Nama "{value}" tidak bisa dijadikan nama berkas.',
            'Tulis nama dengan huruf atau angka, misalnya "UPTD PPA Kota Pontianak".',
        ),
        "en": (
            'The name "{value}" cannot be made into a file name.',
            'Write a name with letters or digits, for example "UPTD PPA Kota Pontianak".',
        ),
    },
    "init_unknown_regency": {
        "id": (
            'Kode kabupaten/kota "{value}" tidak ada dalam daftar Kemendagri.',
            "{suggestion_id}Tulis kode dengan titik, misalnya 61.71 untuk Kota Pontianak.",
        ),
        "en": (
            'The regency/city code "{value}" is not in the Kemendagri list.',
            "{suggestion_en}Write the code with a dot, for example 61.71 for Kota Pontianak.",
        ),
    },
    "init_folder_not_empty": {
        "id": (
            "Folder ini sudah berisi berkas.",
            "Buat situs baru di folder yang belum ada atau masih kosong.",
        ),
        "en": (
            "This folder already holds files.",
            "Create the new site in a folder that does not exist yet or is empty.",
        ),
    },
    "init_no_starter": {
        "id": (
            "Berkas awal situs (mkdocs.yml, overrides/, panduan) tidak ditemukan di {value}.",
            "Jalankan `ruangaman init` dari salinan repositori Ruang Aman yang dipasang dengan "
            "`make site` (pip install -e .), bukan dari paket wheel.",
        ),
        "en": (
            "The starter files of a site (mkdocs.yml, overrides/, guides) are not in {value}.",
            "Run `ruangaman init` from a clone of the Ruang Aman repository installed by "
            "`make site` (pip install -e .), not from a wheel.",
        ),
    },
    "work_folder_link": {
        "id": (
            "`{folder}` adalah tautan (symlink) atau berkas, padahal pembangunan menulis dan "
            "menghapus di sana: berkas di tempat yang ditunjuknya bisa terhapus.",
            "Hapus `{folder}` (folder ini dibuat sendiri oleh pembangunan dan tidak boleh ada "
            "di permintaan tarik/pull request), lalu bangun lagi.",
        ),
        "en": (
            "`{folder}` is a link (symlink) or a file, but the build writes and deletes there: "
            "files where it points could be deleted.",
            "Delete `{folder}` (the build makes this folder itself; it must never be in a pull "
            "request), then build again.",
        ),
    },
    "file_control_character": {
        "id": (
            "Baris ini memuat karakter tersembunyi yang tidak boleh ada di berkas ({character}).",
            "Hapus karakter itu: ketik ulang baris ini di editor teks, atau salin dari sumber "
            "yang berupa teks biasa (bukan dari PDF atau dokumen olah kata).",
        ),
        "en": (
            "This line holds a hidden character that a file may not contain ({character}).",
            "Delete that character: type this line again in a text editor, or copy it from a "
            "plain-text source (not from a PDF or a word-processor document).",
        ),
    },
    "pinned_inactive": {
        "id": (
            "Hotline ini ditandai `pinned: true` tetapi berstatus `inactive`, jadi tidak "
            "ditampilkan di mana pun (bagian atas halaman, halaman hotline, poster, buklet).",
            "Bila layanannya sudah tutup, hapus baris `pinned: true`. Bila masih bisa dihubungi, "
            "ubah `status:` menjadi `active` (atau `unverified`).",
        ),
        "en": (
            "This hotline has `pinned: true` but its status is `inactive`, so it is shown "
            "nowhere (top of the pages, hotline page, posters, booklet).",
            "If the service has closed, delete the line `pinned: true`. If it can still be "
            "reached, change `status:` to `active` (or `unverified`).",
        ),
    },
    "pinned_without_call": {
        "id": (
            "Hotline ini ditandai `pinned: true` tetapi tidak punya nomor telepon yang bisa "
            "ditelepon (`type: voice`), jadi tidak ditampilkan di bagian atas halaman maupun "
            "di poster.",
            "Tambahkan nomor teleponnya di `phones:` (dengan `type: voice`), atau hapus baris "
            "`pinned: true`.",
        ),
        "en": (
            "This hotline has `pinned: true` but no number a reader can call (`type: voice`), "
            "so it is not shown at the top of the pages or on the posters.",
            "Add its phone number under `phones:` (with `type: voice`), or delete the line "
            "`pinned: true`.",
        ),
    },
}
