/* Keeps archives that have no sources of their own yet valid. */
typedef int ras_empty_translation_unit;
