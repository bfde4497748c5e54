package postgres

// Listening says whether the store's listener has LISTEN in place, for the
// tests that restart the server.
func Listening(s *Store) bool { return s.listen.connected.Load() }
