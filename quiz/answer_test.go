package quiz

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The store logs answers as JSON: the keys are part of the file format and
// must not change by accident.
func TestAnswerJSON(t *testing.T) {
	a := Answer{
		Choices: []string{"b", "a"},
		Truth:   map[string]bool{"logo": false, "urgence": true},
		Fields:  map[string]string{"reponse": "rendez vous"},
		Order:   []string{"objet", "texte"},
		Matches: map[string]string{"signe": "signe"},
		Hints:   1,
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"choices":["b","a"],"truth":{"logo":false,"urgence":true},"fields":{"reponse":"rendez vous"},"order":["objet","texte"],"matches":{"signe":"signe"},"hints":1}`
	if string(data) != want {
		t.Errorf("JSON\n got %s\nwant %s", data, want)
	}
	var back Answer
	if err := json.Unmarshal(data, &back); err != nil || !reflect.DeepEqual(back, a) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	if data, _ := json.Marshal(Answer{Skipped: true}); string(data) != `{"skipped":true}` {
		t.Errorf("skip: %s", data)
	}
}
