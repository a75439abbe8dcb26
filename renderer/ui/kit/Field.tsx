// The desk's forms use the Field both front ends share.
export {
  errorId,
  Field,
  FieldError,
  fieldAria,
  hintId,
  InputField,
} from '../../../shared/ui/Field';
