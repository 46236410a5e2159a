"""Language knowledge: profiles, sentence rules, identification and transliteration."""
