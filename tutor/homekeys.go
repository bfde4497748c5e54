package tutor

// homeSlots gives the home screen's lines fixed keys. A médiateur who says
// « tapez 9 » to a room must get « Faire le point » on every screen: the
// competences and the fixed lines (« Faire le point », « Réviser », « Mes
// résultats »…, « Terminer ma séance ») take the keys 1, 2, 3… in their
// order, whatever comes or goes above them; the lines that come and go
// (« Reprendre le test : … », « Continuer : … », the first variable ones
// at the top of the list) and the lesson files left out (shown just above
// « Terminer ma séance », which stays last) take the keys after them.
// n is the number of lines, variable the number of lines at the top that
// come and go, problems the place of the files-left-out line or -1.
func homeSlots(n, variable, problems int) []int {
	slots := make([]int, n)
	next := 0
	for i := variable; i < n; i++ {
		if i != problems {
			slots[i] = next
			next++
		}
	}
	if problems >= 0 {
		slots[problems] = next
		next++
	}
	for i := range variable {
		slots[i] = next
		next++
	}
	return slots
}
