package postgres

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"pasapas/i18n"
)

// UnreachableError says that the server could not be reached: refused,
// timed out, shut down or the connection lost. Nothing of the call was
// saved. It says itself to the learner (record.Explainer); Err holds the
// details for whoever looks after the server.
type UnreachableError struct {
	Op  string // what was being done
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("postgres: %s: server unreachable: %v", e.Op, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// Message says it to the person at the PC, in lang: nothing is saved for
// now, tell a médiateur, it will come back by itself.
func (e *UnreachableError) Message(l i18n.Lang) string { return messages.Format(l, "unreachable") }

// RefusedError says that the server answered but refused this PC: the
// role, its password (pgpass), pg_hba.conf, or the database's name. It is
// for whoever looks after the server; it says itself (record.Explainer).
type RefusedError struct {
	Op  string
	Err error
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("postgres: %s: the server refused the connection: %v", e.Op, e.Err)
}

func (e *RefusedError) Unwrap() error { return e.Err }

// Message says it to a person, in lang.
func (e *RefusedError) Message(l i18n.Lang) string { return messages.Format(l, "refused") }

// CertificateError says that the server's certificate could not be
// checked against the place's certificate authority (sslmode=verify-full or
// verify-ca): signed by another authority, for another name than the one
// in the address, or expired. It is a setting to correct, not a server
// that does not answer: nothing is tried again. It says itself
// (record.Explainer).
type CertificateError struct {
	Op  string
	Err error
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("postgres: %s: the server's certificate was not accepted: %v", e.Op, e.Err)
}

func (e *CertificateError) Unwrap() error { return e.Err }

// Message says it to a person, in lang.
func (e *CertificateError) Message(l i18n.Lang) string { return messages.Format(l, "certificate") }

// badCertificate says whether err is the check of the server's certificate
// failing.
func badCertificate(err error) bool {
	var host x509.HostnameError
	var authority x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	return errors.As(err, &host) || errors.As(err, &authority) || errors.As(err, &invalid) || errors.As(err, &verify)
}

// refused says whether err is the server refusing who connects: invalid
// authorization (class 28) or no such database (3D000).
func refused(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code[:2] == "28" || pe.Code == "3D000")
}

// IsUnreachable says whether err means the server could not be reached.
func IsUnreachable(err error) bool {
	var u *UnreachableError
	return errors.As(err, &u)
}

// unreachable says whether err means that the server could not be reached
// or went away, rather than that it refused what was asked.
func unreachable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code[:2] == "08": // connection exception
			return true
		case pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03": // shutting down, crashed, starting
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	case pgconn.Timeout(err), pgconn.SafeToRetry(err):
		return true
	}
	return false
}

var messages = i18n.Table{
	"certificate": {
		FR: "Le certificat du serveur des progrès n'est pas accepté : il n'est pas signé par l'autorité du lieu " +
			"(sslrootcert), il est pour un autre nom que celui de l'adresse, ou il a expiré. Prévenez la personne " +
			"qui s'occupe de l'informatique : voir docs/reseau.md.",
		EN: "The progress server's certificate is not accepted: it is not signed by the place's authority " +
			"(sslrootcert), it is for another name than the address's, or it has expired. Tell whoever looks " +
			"after the computers: see docs/reseau.md.",
	},
	"unreachable": {
		FR: "Le serveur qui garde les progrès ne répond pas : rien n'est enregistré pour le moment. " +
			"Prévenez un médiateur. Tout reprendra tout seul quand le serveur répondra.",
		EN: "The server that keeps progress is not answering: nothing is being saved for now. " +
			"Please tell a médiateur. Everything will resume by itself when the server answers.",
	},
	"refused": {
		FR: "Le serveur des progrès refuse ce PC (nom du rôle, mot de passe du fichier pgpass, réglages de pg_hba.conf " +
			"ou nom de la base). Prévenez la personne qui s'occupe de l'informatique : voir docs/reseau.md.",
		EN: "The progress server refuses this PC (role name, password in the pgpass file, pg_hba.conf settings " +
			"or database name). Tell whoever looks after the computers: see docs/reseau.md.",
	},
	"newer_schema": {
		FR: "La base des progrès a été mise à jour par une version plus récente de Pas à pas. " +
			"Pour ne rien abîmer, cette version n'y touche pas. Demandez à un médiateur d'installer la dernière version.",
		EN: "The progress database was updated by a newer version of Pas à pas. " +
			"So as to damage nothing, this version leaves it alone. Ask a médiateur to install the latest version.",
	},
}
