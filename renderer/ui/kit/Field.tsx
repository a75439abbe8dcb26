// The desk's forms use the Field both front ends share.
export {
  errorId,
  Field,
  FieldError,
  fieldAria,
  hintId,
  InputField,
  Options,
  SelectField,
} from '../../../shared/ui/Field';
