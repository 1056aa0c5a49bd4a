package web

import (
	"reflect"
	"strconv"
	"strings"
)

// Bounds on the text of a decoded JSON body, field by field: the body limit
// alone lets one field carry megabytes into matching, rendering and the
// records. A field past its bound is a 422 naming its JSON path.
const (
	maxFieldBytes = 64 << 10 // any text (facts have their own, smaller bound)
	maxNameBytes  = 1 << 10  // name, title, …_name
	maxIDBytes    = 256      // id, …_id, …_ids entries
	maxListLen    = 10000    // entries of any list or object
)

// fieldLimit is the bound of a JSON member by its name.
func fieldLimit(name string) int {
	switch {
	case name == "id" || strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_ids"):
		return maxIDBytes
	case name == "name" || name == "title" || strings.HasSuffix(name, "_name"):
		return maxNameBytes
	}
	return maxFieldBytes
}

// checkLimits walks a decoded value and refuses the first text or list past
// its bound.
func checkLimits(v any) error {
	return walkLimits(reflect.ValueOf(v), "", maxFieldBytes, 0)
}

func walkLimits(v reflect.Value, path string, limit, depth int) error {
	if depth > 64 {
		return nil // deeper than any decodable body; the decoder bounds nesting
	}
	field := path
	if field == "" {
		field = "body"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkLimits(v.Elem(), path, limit, depth+1)
	case reflect.String:
		if n := v.Len(); n > limit {
			return unprocessable(field, "%s is %d bytes; at most %d are accepted", field, n, limit)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			sub := path
			if f.Anonymous && name == "" {
				// promoted fields keep the parent's path
			} else {
				if name == "" {
					name = f.Name
				}
				sub = joinPath(path, name)
			}
			if err := walkLimits(v.Field(i), sub, fieldLimit(name), depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // raw bytes (json.RawMessage) are bounded by the body
		}
		if v.Len() > maxListLen {
			return unprocessable(field, "%s has %d entries; at most %d are accepted", field, v.Len(), maxListLen)
		}
		for i := 0; i < v.Len(); i++ {
			if err := walkLimits(v.Index(i), path+"["+strconv.Itoa(i)+"]", limit, depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Len() > maxListLen {
			return unprocessable(field, "%s has %d entries; at most %d are accepted", field, v.Len(), maxListLen)
		}
		it := v.MapRange()
		for it.Next() {
			k := it.Key()
			ks := ""
			if k.Kind() == reflect.String {
				ks = k.String()
				if len(ks) > maxNameBytes {
					return unprocessable(field, "a key of %s is %d bytes; at most %d are accepted", field, len(ks), maxNameBytes)
				}
			}
			if err := walkLimits(it.Value(), joinPath(path, ks), fieldLimit(ks), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
