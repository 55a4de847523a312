"""The label pack: clinical constants and label text of one PI revision, validated."""
